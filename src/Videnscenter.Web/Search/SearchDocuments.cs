using System.Text.RegularExpressions;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Content.Markdown;
using Videnscenter.Media.Slides;
using Videnscenter.Search;
using ContentAudience = Videnscenter.Content.Audience;
using SearchAudience = Videnscenter.Search.Audience;

namespace Videnscenter.Web.Search;

/// <summary>
/// Turns a published content item into what the search index holds: one document per item, and for
/// slide decks one more per slide, so that a hit can link straight to its slide.
/// </summary>
public static partial class SearchDocuments
{
    /// <summary>Id prefix shared by an item and its slides, for removing them together.</summary>
    public static string Prefix(Guid itemId) => itemId.ToString("N");

    /// <param name="referenced">
    /// Published items the item may refer to, by id (at least those its levelled references name), so
    /// that a competence profile is found by the titles of the methods it masters. Null: none resolved.
    /// </param>
    /// <param name="fileSlides">
    /// A slide deck's slides read from its file (see <see cref="DeckSlides"/>); read beforehand, at
    /// publish or rebuild time, so this mapping stays synchronous. Null or empty: the deck's body
    /// "## Slide N:" sections are used instead.
    /// </param>
    public static IEnumerable<SearchDocument> From(ContentItem item, ContentTypeDefinition type, ContentSchema schema,
        IReadOnlyList<SlideText>? fileSlides = null, IReadOnlyDictionary<Guid, ContentItem>? referenced = null)
    {
        var url = $"/{type.Section}/{item.Slug}";
        var facets = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var field in type.Fields.Where(f => f.Facet))
        {
            var taxonomy = field.Taxonomy is { } t ? schema.Taxonomy(t) : null;
            var values = item.Values(field.Name).Select(v => taxonomy?.LabelOf(v) ?? v).ToList();
            if (values.Count > 0) facets[FacetName(field)] = values;
        }
        var indexedFields = type.Fields.Where(f => f.Indexed && f.Kind is FieldKind.Markdown or FieldKind.Text)
            .Select(f => f.Kind == FieldKind.Markdown ? MarkdownRenderer.ToPlainText(item.Text(f.Name)) : item.Text(f.Name))
            .Where(s => !string.IsNullOrWhiteSpace(s));
        var mastered = Mastered(item, type, referenced);
        var body = string.Join("\n\n", new[] { MarkdownRenderer.ToPlainText(item.Body) }.Concat(indexedFields!).Concat(mastered.Lines));

        var document = new SearchDocument
        {
            Id = Prefix(item.Id),
            Type = type.Name,
            Title = item.Title,
            Summary = mastered.Top is { } top ? $"{item.Summary}\n{top}" : item.Summary,
            Body = body,
            Url = url,
            Audience = (SearchAudience)(int)item.Audience,
            Departments = item.Departments.Select(schema.DepartmentLabel).ToList(),
            Tags = item.Tags,
            // An indexed yes/no field that is on says something in its label ("Peer-medarbejder"): findable by it.
            Keywords = type.Fields.Where(f => f.Indexed && f.Kind == FieldKind.Boolean && item.Bool(f.Name)).Select(f => f.Label).ToList(),
            Facets = facets,
            Boost = type.Boost,
            StartsUtc = LastStartUtc(item, type),
            UpdatedUtc = item.ModifiedUtc,
        };
        yield return document;

        if (type.Name != Videnscenter.Web.Slides.SlidesFeature.TypeName) yield break;
        var slides = fileSlides is { Count: > 0 }
            ? fileSlides
            : Slides(item.Body).Select(s => new SlideText(s.Number, s.Title, MarkdownRenderer.ToPlainText(s.Markdown))).ToList();
        foreach (var slide in slides)
        {
            yield return document with
            {
                Id = $"{document.Id}#slide-{slide.Number}",
                Title = string.IsNullOrWhiteSpace(slide.Title) ? $"{item.Title}, slide {slide.Number}" : $"{item.Title}, slide {slide.Number}: {slide.Title}",
                Summary = "",
                Body = slide.Text,
                Url = $"{url}#slide-{slide.Number}",
                // A slide ranks a little below its whole deck for the same words.
                Boost = type.Boost * 0.9,
            };
        }
    }

    /// <summary>
    /// What an item masters, from its levelled reference fields (a competence profile's methods): one
    /// body line per reference, "title: level", so a profile is found by the methods it knows; and the
    /// titles at the field's highest level (the levels run from least to most, e.g. "Underviser i
    /// metoden") once more in the summary, whose weight is higher, so that the colleagues who teach a
    /// method rank above those who work with it. Only references the item's own readers may see are
    /// named, so a title never reaches a wider audience than its item.
    /// </summary>
    private static (IReadOnlyList<string> Lines, string? Top) Mastered(ContentItem item, ContentTypeDefinition type,
        IReadOnlyDictionary<Guid, ContentItem>? referenced)
    {
        var lines = new List<string>();
        var top = new List<string>();
        if (referenced is null) return (lines, null);
        foreach (var field in type.Fields.Where(f => f.Kind == FieldKind.Reference && f.Levels.Count > 0))
        {
            var highest = new List<string>();
            foreach (var reference in item.References(field.Name))
            {
                if (!referenced.TryGetValue(reference.Id, out var target) || target.Audience > item.Audience) continue;
                lines.Add(string.IsNullOrWhiteSpace(reference.Level) ? target.Title : $"{target.Title}: {reference.Level}");
                if (reference.Level == field.Levels[^1]) highest.Add(target.Title);
            }
            if (highest.Count > 0) top.Add($"{field.Levels[^1]}: {string.Join(", ", highest)}");
        }
        return (lines, top.Count == 0 ? null : string.Join("\n", top));
    }

    /// <summary>The facet key a field's values are counted under: its taxonomy, or its own name.</summary>
    public static string FacetName(FieldDefinition field) => field.Taxonomy ?? field.Name;

    /// <summary>The last session's start (UTC) of courses and events: in the future means still upcoming.</summary>
    private static DateTime? LastStartUtc(ContentItem item, ContentTypeDefinition type)
    {
        var starts = type.Fields.Where(f => f.Kind == FieldKind.DateTimeRanges)
            .SelectMany(f => item.Ranges(f.Name)).Select(r => r.Start).ToList();
        return starts.Count == 0 ? null : Danish.ToUtc(starts.Max());
    }

    public sealed record Slide(int Number, string Title, string Markdown);

    /// <summary>Slides are written as "## Slide N: title" sections of the deck's body.</summary>
    public static IReadOnlyList<Slide> Slides(string body)
    {
        var matches = SlideHeading().Matches(body);
        var slides = new List<Slide>();
        for (var i = 0; i < matches.Count; i++)
        {
            var start = matches[i].Index + matches[i].Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : body.Length;
            slides.Add(new Slide(int.Parse(matches[i].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                matches[i].Groups[2].Value.Trim(), body[start..end].Trim()));
        }
        return slides;
    }

    [GeneratedRegex(@"^##\s+Slide\s+(\d+)\s*:?\s*(.*)$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex SlideHeading();

    /// <summary>The content audience as the search engine's.</summary>
    public static SearchAudience ToSearch(this ContentAudience audience) => (SearchAudience)(int)audience;
}
