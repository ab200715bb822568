using System.Collections.Concurrent;
using Lucene.Net.Analysis.TokenAttributes;
using Videnscenter.Search.Analysis;
using Match = Videnscenter.Search.Results.Snippets.Match;

namespace Videnscenter.Search.Results;

/// <summary>
/// Finds where a query's terms occur in the stored text of the hits on a page, by running the text's
/// words through the index analyzer. The index keeps no offsets in its postings (they were a fifth of
/// its size, for the ten hits a page shows); re-analysing those hits gives the same places. The
/// analysis of one word does not depend on its neighbours (the tokenizer splits at non-word
/// characters, every later filter works on one token), so each distinct word is analysed once and its
/// terms are cached: a page costs a scan of its texts and a dictionary look-up per word.
/// </summary>
internal sealed class SnippetMatcher
{
    /// <summary>Words whose terms are kept; when full the cache starts afresh (memory stays bounded).</summary>
    private const int MaxCachedWords = 100_000;

    private readonly IReadOnlySet<string> _terms;
    private readonly string[] _prefixes;
    private readonly ConcurrentDictionary<string, string[]> _cache;
    private readonly DanishAnalysis _analysis;

    public SnippetMatcher(DanishAnalysis analysis, IReadOnlySet<string> terms)
    {
        _analysis = analysis;
        _cache = analysis.WordTermsCache;
        _terms = terms;
        _prefixes = [.. terms.Where(t => t.EndsWith('*') && t.Length > 1).Select(t => t[..^1])];
    }

    /// <summary>The matched words of <paramref name="text"/>, in order, each spanning the whole word (hyphenated parts included).</summary>
    public List<Match> Find(string text)
    {
        var matches = new List<Match>();
        if (_terms.Count == 0 || text.Length == 0)
        {
            return matches;
        }

        var lookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
        var at = 0;
        while (at < text.Length)
        {
            if (!IsInWord(text[at]))
            {
                at++;
                continue;
            }

            var start = at;
            while (at < text.Length && IsInWord(text[at]))
            {
                at++;
            }

            var word = text.AsSpan(start, at - start);
            if (!lookup.TryGetValue(word, out var wordTerms))
            {
                wordTerms = Analyse(word.ToString());
            }

            if (Matched(word, wordTerms) is { } term)
            {
                // Joiners at the edges ("-skolen") are not part of the marked word.
                var markStart = start;
                var markEnd = at;
                while (markStart < markEnd && DanishAnalysis.IsJoiner(text[markStart]))
                {
                    markStart++;
                }

                while (markEnd > markStart && DanishAnalysis.IsJoiner(text[markEnd - 1]))
                {
                    markEnd--;
                }

                matches.Add(new Match(markStart, markEnd, term));
            }
        }

        return matches;
    }

    /// <summary>
    /// Characters of one token as the index sees it: word characters, and the invisible break hints
    /// the index's character filter removes from inside words.
    /// </summary>
    private static bool IsInWord(char c) =>
        c < 0x80 ? char.IsAsciiLetterOrDigit(c) || c is '-' or '\'' : DanishAnalysis.IsWordChar(c) || char.IsSurrogate(c) || DanishAnalysis.IsInvisible(c);

    private string? Matched(ReadOnlySpan<char> word, string[] wordTerms)
    {
        foreach (var term in wordTerms)
        {
            if (_terms.Contains(term))
            {
                return term;
            }
        }

        foreach (var prefix in _prefixes)
        {
            // A prefix* matches stems and, through the words field, surface words that start with it.
            if (wordTerms.Any(t => t.StartsWith(prefix, StringComparison.Ordinal))
                || (word.Length >= prefix.Length && word[..prefix.Length].Equals(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                return prefix + "*";
            }
        }

        return null;
    }

    private string[] Analyse(string word)
    {
        var terms = new List<string>(2);
        using (var stream = _analysis.IndexAnalyzer.GetTokenStream("body", word))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                terms.Add(term.ToString());
            }

            stream.End();
        }

        string[] result = [.. terms.Distinct(StringComparer.Ordinal)];
        if (_cache.Count >= MaxCachedWords)
        {
            _cache.Clear();
        }

        _cache[word] = result;
        return result;
    }
}
