using System.Globalization;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Sections;

/// <summary>
/// One way to narrow a section list (a GET parameter shown as a select): which values an item has,
/// the known values in display order, and the value the reader chose.
/// </summary>
public sealed record FilterDimension(
    string Name,
    string Label,
    string AllLabel,
    Func<ContentItem, IEnumerable<string>> ValuesOf,
    IReadOnlyList<(string Value, string Label)> Known,
    string? Chosen);

public sealed record FilterOption(string Value, string Label, int Count);

/// <summary>A select to render: its options carry counts among the items the other filters leave.</summary>
public sealed record FilterSelect(string Name, string Label, string AllLabel, IReadOnlyList<FilterOption> Options, string? Selected)
{
    public string Id => "filter-" + Name;
}

public static class ListFilter
{
    /// <summary>
    /// Applies every dimension (and an optional extra condition) and builds the selects. An unknown
    /// value in the address is ignored rather than emptying the list. Options show how many items
    /// each would leave given the other choices; options that would leave none are left out unless chosen.
    /// </summary>
    public static (IReadOnlyList<ContentItem> Items, IReadOnlyList<FilterSelect> Selects) Apply(
        IReadOnlyList<ContentItem> all, IReadOnlyList<FilterDimension> dimensions, Func<ContentItem, bool>? extra = null)
    {
        var chosen = dimensions.Select(d =>
            d.Chosen is { Length: > 0 } c && d.Known.Any(k => string.Equals(k.Value, c, StringComparison.OrdinalIgnoreCase))
                ? d.Known.First(k => string.Equals(k.Value, c, StringComparison.OrdinalIgnoreCase)).Value
                : null).ToList();

        bool Matches(ContentItem item, int skip)
        {
            if (extra is not null && !extra(item)) return false;
            for (var i = 0; i < dimensions.Count; i++)
            {
                if (i == skip || chosen[i] is not { } value) continue;
                if (!dimensions[i].ValuesOf(item).Contains(value, StringComparer.OrdinalIgnoreCase)) return false;
            }
            return true;
        }

        var items = all.Where(i => Matches(i, -1)).ToList();
        var selects = dimensions.Select((d, index) =>
        {
            var rest = all.Where(i => Matches(i, index)).ToList();
            var options = d.Known
                .Select(k => new FilterOption(k.Value, k.Label, rest.Count(i => d.ValuesOf(i).Contains(k.Value, StringComparer.OrdinalIgnoreCase))))
                .Where(o => o.Count > 0 || o.Value == chosen[index])
                .ToList();
            return new FilterSelect(d.Name, d.Label, d.AllLabel, options, chosen[index]);
        }).ToList();
        return (items, selects);
    }

    /// <summary>The terms of a taxonomy in the recipe's order, as known filter values.</summary>
    public static IReadOnlyList<(string Value, string Label)> Terms(ContentSchema schema, string taxonomy) =>
        schema.Taxonomy(taxonomy)?.Terms.Select(t => (t.Key, t.Label)).ToList() ?? [];

    /// <summary>
    /// Free-text match in Danish: every word the reader typed must occur somewhere in the texts,
    /// ignoring case (so "MI" finds "mi" and "Ø" finds "ø").
    /// </summary>
    public static bool ContainsAllWords(string? query, IEnumerable<string?> texts)
    {
        if (string.IsNullOrWhiteSpace(query)) return true;
        var haystack = string.Join(" \n ", texts.Where(t => !string.IsNullOrWhiteSpace(t)));
        var compare = Danish.Culture.CompareInfo;
        return query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(word => compare.IndexOf(haystack, word, CompareOptions.IgnoreCase) >= 0);
    }

    /// <summary>"1 emne" / "12 emner": the count the section lists announce.</summary>
    public static string CountText(int count) => count == 1 ? "1 emne" : $"{count.ToString(Danish.Culture)} emner";
}
