using System.Text;
using Microsoft.Data.Sqlite;
using Videnscenter.Search.Analysis;
using Videnscenter.Search.Storage;
using Videnscenter.Search.Vocabulary;

namespace Videnscenter.Search.Querying;

/// <summary>
/// Second chance for a query that found nothing: every plain word whose stem occurs in no document the
/// reader may see is corrected or widened, in this order:
/// <list type="number">
/// <item>spelling, one edit: a visible vocabulary word one edit away (optimal string alignment)
/// replaces the word, and the result reports it as "did you mean";</item>
/// <item>compound split: "mestringsgruppe" → the phrase "mestring grupp" when both parts (optionally
/// without a linking s/e) are visible words;</item>
/// <item>substring: the trigram index over folded titles and summaries finds visible documents whose
/// title or summary contains the word inside a longer word ("vejledning" in "Mestringsvejledning");
/// those longer words' terms become alternatives;</item>
/// <item>spelling, two edits: the closest visible word two edits away (words of 5+ letters).</item>
/// </list>
/// Only runs when the strict query had no hits, so ordinary queries never pay for it.
/// </summary>
internal static class QueryExpansion
{
    private const int MinCompoundLength = 6;
    private const int MinPartLength = 3;
    private const int MinSubstringLength = 5;
    private const int SubstringDocuments = 20;
    private const int MaxSubstringTerms = 8;

    private const string SubstringSql = """
        SELECT t.title, t.summary FROM tri
        CROSS JOIN docs d ON d.doc = tri.rowid
        JOIN doc_text t ON t.doc = d.doc
        WHERE tri MATCH $match AND d.audience <= $reader
        LIMIT $limit
        """;

    /// <summary>
    /// Widens or corrects unknown words; returns true when any clause changed. Corrections are noted
    /// in <see cref="QueryClause.Correction"/>.
    /// </summary>
    public static bool Expand(ReaderSession session, ParsedQuery query, Audience reader)
    {
        bool changed = false;
        foreach (QueryClause clause in query.Positive)
        {
            if (clause.Kind != ClauseKind.Word || clause.Word is not string word || clause.Alternatives.Count != 1)
            {
                continue;
            }

            string stem = clause.Alternatives[0].Terms[0];
            if (VocabularyLookup.IsStemVisible(session, stem, reader))
            {
                continue;
            }

            // A word one edit away from a visible word is taken as a typo of it; otherwise compound
            // splitting and substring search come first, and a word two edits away is the last resort.
            VisibleWord? closest = VocabularyLookup.ClosestWord(session, word, reader);
            if (closest is VisibleWord { Distance: 1 } typo)
            {
                Correct(clause, typo);
                changed = true;
                continue;
            }

            var widened = new List<Alternative>();
            if (SplitCompound(session, word, reader) is Alternative split)
            {
                widened.Add(split);
            }

            foreach (string term in LongerWordsContaining(session, word, stem, reader))
            {
                widened.Add(new Alternative([term]));
            }

            if (widened.Count > 0)
            {
                clause.Alternatives.AddRange(widened);
                changed = true;
                continue;
            }

            if (closest is VisibleWord correction)
            {
                Correct(clause, correction);
                changed = true;
            }
        }

        return changed;
    }

    private static void Correct(QueryClause clause, VisibleWord correction)
    {
        clause.Alternatives = [new Alternative([correction.Stem])];
        clause.Correction = correction.Word;
    }

    /// <summary>The query text with every corrected word replaced; null when nothing was corrected.</summary>
    public static string? DidYouMean(ParsedQuery query)
    {
        List<QueryClause> corrected = [.. query.Clauses.Where(c => c.Correction is not null).OrderByDescending(c => c.Start)];
        if (corrected.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder(query.Text);
        foreach (QueryClause clause in corrected)
        {
            text.Remove(clause.Start, clause.Length).Insert(clause.Start, clause.Correction);
        }

        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>"mestringsgruppe" → phrase [mestring, grupp], preferring the most balanced split.</summary>
    private static Alternative? SplitCompound(ReaderSession session, string word, Audience reader)
    {
        if (word.Length < MinCompoundLength)
        {
            return null;
        }

        DanishAnalyzer analyzer = DanishAnalyzer.Instance;
        Alternative? best = null;
        int bestBalance = 0;
        for (int at = MinPartLength; at <= word.Length - MinPartLength; at++)
        {
            int balance = Math.Min(at, word.Length - at);
            if (balance <= bestBalance)
            {
                continue;
            }

            string right = analyzer.StemWord(word[at..]);
            if (!VocabularyLookup.IsStemVisible(session, right, reader))
            {
                continue;
            }

            string left = word[..at];
            string? leftStem = null;
            string stem = analyzer.StemWord(left);
            if (VocabularyLookup.IsStemVisible(session, stem, reader))
            {
                leftStem = stem;
            }
            else if (left.Length > MinPartLength && left[^1] is 's' or 'e')
            {
                stem = analyzer.StemWord(left[..^1]);
                if (VocabularyLookup.IsStemVisible(session, stem, reader))
                {
                    leftStem = stem;
                }
            }

            if (leftStem is not null)
            {
                best = new Alternative([leftStem, right]);
                bestBalance = balance;
            }
        }

        return best;
    }

    /// <summary>Terms of longer words containing <paramref name="word"/> in visible titles and summaries.</summary>
    private static List<string> LongerWordsContaining(ReaderSession session, string word, string stem, Audience reader)
    {
        var terms = new List<string>();
        if (word.Length < MinSubstringLength)
        {
            return terms;
        }

        SqliteCommand command = session.Command(SubstringSql);
        command.Parameters.AddWithValue("$match", MatchExpression.Quote([word], prefix: false));
        command.Parameters.AddWithValue("$reader", (int)reader);
        command.Parameters.AddWithValue("$limit", SubstringDocuments);
        var texts = new List<string>();
        using (SqliteDataReader rows = command.ExecuteReader())
        {
            while (rows.Read())
            {
                texts.Add(rows.GetString(0));
                texts.Add(rows.GetString(1));
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { stem };
        Span<char> buffer = stackalloc char[SurfaceText.MaxWordLength];
        foreach (string text in texts)
        {
            foreach (AnalyzedToken token in DanishAnalyzer.Instance.Analyze(text))
            {
                int length = SurfaceText.FoldWord(text.AsSpan(token.Start, token.Length), buffer);
                if (length > word.Length && buffer[..length].IndexOf(word.AsSpan(), StringComparison.Ordinal) >= 0
                    && seen.Add(token.Term))
                {
                    terms.Add(token.Term);
                    if (terms.Count == MaxSubstringTerms)
                    {
                        return terms;
                    }
                }
            }
        }

        return terms;
    }
}
