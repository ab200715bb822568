using Microsoft.Data.Sqlite;
using Videnscenter.Search.Storage;
using Videnscenter.Search.Vocabulary;

namespace Videnscenter.Search.Querying;

/// <summary>
/// Completions for what the reader has typed so far: titles of visible documents that start with it,
/// then the query completed with the most frequent visible vocabulary words starting with its last
/// word. Both come from access-filtered SQL, so nothing reveals a document the reader may not see.
/// </summary>
internal static class Autocomplete
{
    private const int MaxPrefixLength = 100;

    private const string TitlesSql = """
        SELECT t.title FROM doc_text t
        CROSS JOIN docs d ON d.doc = t.doc
        WHERE t.title_key >= $lo AND t.title_key < $hi AND d.audience <= $reader
        ORDER BY t.title_key
        LIMIT $max
        """;

    public static IReadOnlyList<string> Run(ReaderSession session, string? prefix, Audience reader, int max)
    {
        max = Math.Clamp(max, 0, 50);
        if (max == 0 || string.IsNullOrWhiteSpace(prefix))
        {
            return [];
        }

        string folded = SurfaceText.FoldText(prefix.Length > MaxPrefixLength ? prefix[..MaxPrefixLength] : prefix).Trim();
        if (folded.Length == 0)
        {
            return [];
        }

        if (!Enum.IsDefined(reader))
        {
            reader = Audience.Offentlig;
        }

        var results = new List<string>(max);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using ReaderSession.ReadScope scope = session.BeginRead();

        SqliteCommand titles = session.Command(TitlesSql);
        titles.Parameters.AddWithValue("$lo", folded);
        titles.Parameters.AddWithValue("$hi", VocabularyLookup.PrefixEnd(folded));
        titles.Parameters.AddWithValue("$reader", (int)reader);
        titles.Parameters.AddWithValue("$max", max);
        using (SqliteDataReader rows = titles.ExecuteReader())
        {
            while (rows.Read() && results.Count < max)
            {
                string title = rows.GetString(0).Trim();
                if (seen.Add(title))
                {
                    results.Add(title);
                }
            }
        }

        int lastSpace = folded.LastIndexOf(' ');
        string head = lastSpace < 0 ? "" : folded[..(lastSpace + 1)];
        string word = SurfaceText.FoldWord(folded[(lastSpace + 1)..]);
        if (results.Count < max && word.Length > 0)
        {
            foreach (string completion in VocabularyLookup.Completions(session, word, reader, max))
            {
                string suggestion = head + completion;
                if (results.Count < max && seen.Add(suggestion))
                {
                    results.Add(suggestion);
                }
            }
        }

        return results;
    }
}
