using Lucene.Net.Index;
using Lucene.Net.Search;
using Videnscenter.Search.Analysis;
using Videnscenter.Search.Index;

namespace Videnscenter.Search.Querying;

/// <summary>
/// Completions for what the reader has typed so far: titles of visible documents that start with it,
/// then the text completed with the most frequent visible words starting with its last word. Titles
/// are searched under the access filter and words in the reader's own word field, so nothing reveals
/// a document the reader may not see.
/// </summary>
internal static class Autocomplete
{
    private const int MaxPrefixLength = 100;

    /// <summary>Only the title is read from a stored document (not its compressed body).</summary>
    private static readonly ISet<string> TitleField = new HashSet<string>(StringComparer.Ordinal) { IndexFields.Title };

    public static IReadOnlyList<string> Run(IndexGeneration generation, IndexSearcher searcher, string? prefix, Audience reader, int max)
    {
        max = Math.Clamp(max, 0, 50);
        if (max == 0 || string.IsNullOrWhiteSpace(prefix))
        {
            return [];
        }

        var key = IndexFields.TitleKeyOf(prefix.Length > MaxPrefixLength ? prefix[..MaxPrefixLength] : prefix);
        if (key.Length == 0)
        {
            return [];
        }

        if (!Enum.IsDefined(reader))
        {
            reader = Audience.Offentlig;
        }

        var results = new List<string>(max);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var titles = searcher.Search(new PrefixQuery(new Term(IndexFields.TitleKey, key)), generation.AudienceFilter(reader), 200);
        foreach (var title in titles.ScoreDocs
                     .Select(hit => searcher.Doc(hit.Doc, TitleField).Get(IndexFields.Title).Trim())
                     .OrderBy(IndexFields.TitleKeyOf, StringComparer.Ordinal))
        {
            if (results.Count < max && seen.Add(title))
            {
                results.Add(title);
            }
        }

        var lastSpace = key.LastIndexOf(' ');
        var head = lastSpace < 0 ? "" : key[..(lastSpace + 1)];
        var word = key[(lastSpace + 1)..];
        if (results.Count < max && word.Length > 0 && word.All(c => DanishAnalysis.IsWordChar(c)))
        {
            foreach (var completion in new Vocabulary(searcher, reader).Completions(word, max))
            {
                var suggestion = head + completion;
                if (results.Count < max && seen.Add(suggestion))
                {
                    results.Add(suggestion);
                }
            }
        }

        return results;
    }
}
