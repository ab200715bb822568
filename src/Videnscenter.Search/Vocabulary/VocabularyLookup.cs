using Microsoft.Data.Sqlite;
using Videnscenter.Search.Storage;

namespace Videnscenter.Search.Vocabulary;

/// <summary>A vocabulary word with the number of documents the reader may see that contain it (and its
/// edit distance from the word it was found for).</summary>
internal readonly record struct VisibleWord(string Word, string Stem, long Documents, int Distance = 0);

/// <summary>
/// Queries over the <c>words</c> table. Every query counts only documents the reader may see
/// (<c>df0</c> Offentlig, <c>df1</c> Frivillig, <c>df2</c> Medarbejder), so nothing suggested or
/// completed can come from a document hidden from the reader.
/// </summary>
internal static class VocabularyLookup
{
    /// <summary>Documents the reader may see that contain the word.</summary>
    private const string VisibleCount = "(CASE WHEN $reader >= 2 THEN df0 + df1 + df2 WHEN $reader = 1 THEN df0 + df1 ELSE df0 END)";

    private const string StemVisibleSql = "SELECT EXISTS(SELECT 1 FROM words WHERE stem = $stem AND " + VisibleCount + " > 0)";

    private const string CandidatesSql = "SELECT word, stem, " + VisibleCount + " AS n FROM words WHERE len = $len AND word >= $lo AND word < $hi AND n > 0";

    private const string CompletionsSql = "SELECT word, " + VisibleCount + " AS n FROM words WHERE word >= $lo AND word < $hi AND n > 0 ORDER BY n DESC, word LIMIT $max";

    /// <summary>True when a document the reader may see contains a word with this stem.</summary>
    public static bool IsStemVisible(ReaderSession session, string stem, Audience reader)
    {
        SqliteCommand command = session.Command(StemVisibleSql);
        command.Parameters.AddWithValue("$stem", stem);
        command.Parameters.AddWithValue("$reader", (int)reader);
        return (long)command.ExecuteScalar()! != 0;
    }

    /// <summary>
    /// The closest visible word to a (misspelt) folded word, within 1 edit for words of up to 4
    /// letters and 2 edits for longer ones; ties go to the more frequent word. Candidates are read
    /// through the (len, word) index: lengths within the edit budget, starting with the word's first
    /// or second letter (so a typo in the very first letter is only found when it is a swap with the
    /// second), which keeps the work per typo small however large the vocabulary.
    /// </summary>
    public static VisibleWord? ClosestWord(ReaderSession session, string word, Audience reader)
    {
        if (word.Length < 3 || word.Length > SurfaceText.MaxWordLength)
        {
            return null;
        }

        int max = word.Length <= 4 ? 1 : 2;
        var firstLetters = new List<string> { word[..1] };
        if (word[1] != word[0])
        {
            firstLetters.Add(word.Substring(1, 1));
        }

        VisibleWord? best = null;
        int bestDistance = max + 1;
        SqliteCommand command = session.Command(CandidatesSql);
        for (int length = Math.Max(2, word.Length - max); length <= word.Length + max; length++)
        {
            foreach (string first in firstLetters)
            {
                command.Parameters.Clear();
                command.Parameters.AddWithValue("$len", length);
                command.Parameters.AddWithValue("$lo", first);
                command.Parameters.AddWithValue("$hi", PrefixEnd(first));
                command.Parameters.AddWithValue("$reader", (int)reader);
                using SqliteDataReader rows = command.ExecuteReader();
                while (rows.Read())
                {
                    string candidate = rows.GetString(0);
                    if (candidate == word)
                    {
                        continue;
                    }

                    int distance = EditDistance.Osa(word, candidate, max);
                    if (distance > max)
                    {
                        continue;
                    }

                    long documents = rows.GetInt64(2);
                    if (distance < bestDistance
                        || (distance == bestDistance && best is VisibleWord b
                            && (documents > b.Documents || (documents == b.Documents && string.CompareOrdinal(candidate, b.Word) < 0))))
                    {
                        best = new VisibleWord(candidate, rows.GetString(1), documents, distance);
                        bestDistance = distance;
                    }
                }
            }
        }

        return best;
    }

    /// <summary>Visible words starting with <paramref name="prefix"/>, most frequent first.</summary>
    public static List<string> Completions(ReaderSession session, string prefix, Audience reader, int max)
    {
        SqliteCommand command = session.Command(CompletionsSql);
        command.Parameters.AddWithValue("$lo", prefix);
        command.Parameters.AddWithValue("$hi", PrefixEnd(prefix));
        command.Parameters.AddWithValue("$reader", (int)reader);
        command.Parameters.AddWithValue("$max", max);
        var words = new List<string>();
        using SqliteDataReader rows = command.ExecuteReader();
        while (rows.Read())
        {
            words.Add(rows.GetString(0));
        }

        return words;
    }

    /// <summary>
    /// An exclusive upper bound for strings starting with <paramref name="prefix"/> in SQLite's
    /// binary (UTF-8) order: the prefix followed by U+10FFFF, the highest code point.
    /// </summary>
    public static string PrefixEnd(string prefix) => prefix + "\U0010FFFF";
}
