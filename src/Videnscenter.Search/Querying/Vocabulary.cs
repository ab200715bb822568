using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;
using Videnscenter.Search.Index;

namespace Videnscenter.Search.Querying;

/// <summary>
/// Questions about the index's own terms, always answered for one reader: which stems exist, the
/// closest visible word to a misspelt one (Levenshtein automata over the terms), a compound's known
/// parts, and completions. A word counts as visible only if a live document the reader may see holds it.
/// </summary>
internal sealed class Vocabulary(IndexSearcher searcher, Audience reader)
{
    private const int MaxCandidates = 64;

    private readonly IndexReader _reader = searcher.IndexReader;
    private readonly string _wordsField = IndexFields.Words;
    private readonly Audience _level = reader;
    private readonly Dictionary<string, bool> _stemKnown = new(StringComparer.Ordinal);

    /// <summary>Whether a document the reader may see holds this stem in a text field.</summary>
    public bool StemVisible(string stem)
    {
        if (stem.Length == 0)
        {
            return false;
        }

        if (_stemKnown.TryGetValue(stem, out var known))
        {
            return known;
        }

        known = false;
        foreach ((var field, var _) in IndexFields.TextFields)
        {
            if (HasVisibleDocument(field, stem))
            {
                known = true;
                break;
            }
        }

        _stemKnown[stem] = known;
        return known;
    }

    /// <summary>Whether a document the reader may see holds this surface word.</summary>
    public bool WordVisible(string word) => word.Length > 0 && HasVisibleDocument(_wordsField, word);

    /// <summary>
    /// The visible word closest to <paramref name="word"/> within <paramref name="maxEdits"/> edits
    /// (transpositions count as one), the most frequent on ties; null when none.
    /// </summary>
    public string? Closest(string word, int maxEdits)
    {
        var terms = MultiFields.GetTerms(_reader, _wordsField);
        if (terms is null || word.Length > 40)
        {
            return null;
        }

        var automaton = new CompiledAutomaton(new LevenshteinAutomata(word, withTranspositions: true).ToAutomaton(maxEdits));
        var candidates = automaton.GetTermsEnum(terms);
        var scored = new List<(string Word, int Distance, int Frequency)>();
        while (scored.Count < MaxCandidates * 8 && candidates.MoveNext())
        {
            var candidate = candidates.Term.Utf8ToString();
            if (candidate == word)
            {
                continue;
            }

            scored.Add((candidate, Distance(word, candidate), candidates.DocFreq));
        }

        foreach ((var candidate, var _, var _) in scored.OrderBy(s => s.Distance).ThenByDescending(s => s.Frequency).ThenBy(s => s.Word, StringComparer.Ordinal).Take(MaxCandidates))
        {
            if (WordVisible(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Visible words that end with <paramref name="tail"/> and are longer: compounds with it as their last part.</summary>
    public IReadOnlyList<string> CompoundsEndingWith(string tail, int max)
    {
        var terms = MultiFields.GetTerms(_reader, _wordsField);
        if (terms is null || tail.Length < 4)
        {
            return [];
        }

        var pattern = BasicOperations.Concatenate(BasicAutomata.MakeAnyString(), BasicAutomata.MakeString(tail));
        var automaton = new CompiledAutomaton(pattern);
        var candidates = automaton.GetTermsEnum(terms);
        var found = new List<(string Word, int Frequency)>();
        while (found.Count < max * 8 && candidates.MoveNext())
        {
            var candidate = candidates.Term.Utf8ToString();
            if (candidate.Length >= tail.Length + 3)
            {
                found.Add((candidate, candidates.DocFreq));
            }
        }

        return [.. found.OrderByDescending(f => f.Frequency).ThenBy(f => f.Word, StringComparer.Ordinal)
            .Select(f => f.Word).Where(WordVisible).Take(max)];
    }

    /// <summary>Visible words starting with <paramref name="prefix"/>, most frequent first.</summary>
    public IReadOnlyList<string> Completions(string prefix, int max)
    {
        var terms = MultiFields.GetTerms(_reader, _wordsField);
        if (terms is null || prefix.Length == 0)
        {
            return [];
        }

        var enumerator = terms.GetEnumerator();
        var prefixBytes = new BytesRef(prefix);
        if (enumerator.SeekCeil(prefixBytes) == TermsEnum.SeekStatus.END)
        {
            return [];
        }

        var found = new List<(string Word, int Frequency)>();
        var scanned = 0;
        do
        {
            var term = enumerator.Term;
            if (!StringHelper.StartsWith(term, prefixBytes))
            {
                break;
            }

            found.Add((term.Utf8ToString(), enumerator.DocFreq));
        }
        while (++scanned < 5_000 && enumerator.MoveNext());

        return [.. found.OrderByDescending(f => f.Frequency).ThenBy(f => f.Word, StringComparer.Ordinal)
            .Select(f => f.Word).Where(WordVisible).Take(max)];
    }

    /// <summary>
    /// Walks the postings of one term until a live document the reader may see turns up. Term
    /// statistics cannot answer this: they count every audience, and deleted documents until their
    /// segments merge, so a word of a hidden, replaced or deleted document would leak.
    /// </summary>
    private bool HasVisibleDocument(string field, string text)
    {
        var bytes = new BytesRef(text);
        foreach (var leaf in _reader.Leaves)
        {
            var segment = leaf.AtomicReader;
            var docs = segment.GetTermDocsEnum(new Term(field, bytes));
            if (docs is null)
            {
                continue;
            }

            var live = segment.LiveDocs;
            var audience = segment.GetNumericDocValues(IndexFields.AudienceValue);
            for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
            {
                if ((live is null || live.Get(doc)) && (audience is null || audience.Get(doc) <= (long)_level))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Optimal string alignment distance (adjacent transpositions count one), as the automaton uses.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
