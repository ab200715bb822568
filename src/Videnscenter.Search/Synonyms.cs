namespace Videnscenter.Search;

/// <summary>
/// Groups of words or phrases that mean the same here ("misbrug" ↔ "rusmidler"), applied when a query
/// is analysed, never when documents are indexed: replacing the set takes effect on the next search
/// without a reindex. Immutable; build a new one to change it.
/// </summary>
public sealed class SynonymSet
{
    /// <summary>No synonyms.</summary>
    public static readonly SynonymSet Empty = new([]);

    /// <param name="groups">Each group lists equivalent terms (one or more words each); a term may sit in several groups.</param>
    public SynonymSet(IEnumerable<IEnumerable<string>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var list = new List<IReadOnlyList<string>>();
        foreach (var group in groups)
        {
            string[] terms = [.. (group ?? []).Select(t => string.Join(' ', (t ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
                .Where(t => t.Length is > 0 and <= 100).Distinct(StringComparer.OrdinalIgnoreCase)];
            if (terms.Length >= 2)
            {
                list.Add(terms);
            }
        }

        Groups = list;
    }

    /// <summary>The groups with at least two distinct terms each.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Groups { get; }
}
