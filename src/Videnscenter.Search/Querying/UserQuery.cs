using System.Text;
using Videnscenter.Search.Analysis;

namespace Videnscenter.Search.Querying;

/// <summary>One word as typed: its lower-case parts (split at hyphens and apostrophes) and whether it ends in *.</summary>
internal sealed record QueryWord(string Surface, IReadOnlyList<string> Parts, bool Prefix)
{
    /// <summary>The parts written together: "recovery-skolen" → "recoveryskolen".</summary>
    public string Joined => string.Concat(Parts);
}

/// <summary>A quoted phrase: its words in order, with the gaps that stop words leave.</summary>
internal sealed record QueryPhrase(string Surface, IReadOnlyList<(string Word, int Position)> Words);

/// <summary>
/// What the reader typed, parsed by our own small grammar: words (all required, relaxed later to any),
/// "phrases", -exclusions and prefix*. Everything else is text: no character of the input can reach
/// a query syntax, because Lucene queries are built from these pieces directly.
/// </summary>
internal sealed class UserQuery
{
    /// <summary>Longer input is cut: nobody types more, and it bounds the work per query.</summary>
    public const int MaxInputLength = 1_000;

    /// <summary>At most this many words and phrases are used (repeats count once).</summary>
    public const int MaxClauses = 24;

    private UserQuery()
    {
    }

    /// <summary>Required words, in the order typed.</summary>
    public List<QueryWord> Words { get; } = [];

    /// <summary>Required phrases.</summary>
    public List<QueryPhrase> Phrases { get; } = [];

    /// <summary>Excluded words.</summary>
    public List<QueryWord> ExcludedWords { get; } = [];

    /// <summary>Excluded phrases.</summary>
    public List<QueryPhrase> ExcludedPhrases { get; } = [];

    /// <summary>True when something positive is left to search for.</summary>
    public bool HasPositive => Words.Count > 0 || Phrases.Count > 0;

    public static UserQuery Parse(string? text)
    {
        var query = new UserQuery();
        if (string.IsNullOrWhiteSpace(text))
        {
            return query;
        }

        var input = DanishAnalysis.Normalize(text.Length > MaxInputLength ? text[..MaxInputLength] : text);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < input.Length && query.Count < MaxClauses)
        {
            var c = input[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var excluded = false;
            if (c == '-' && i + 1 < input.Length && !char.IsWhiteSpace(input[i + 1]))
            {
                excluded = true;
                i++;
                c = input[i];
            }

            if (c == '"')
            {
                var end = input.IndexOf('"', i + 1);
                var inner = end < 0 ? input[(i + 1)..] : input[(i + 1)..end];
                i = end < 0 ? input.Length : end + 1;
                var phrase = ParsePhrase(inner);
                if (phrase is null || !seen.Add((excluded ? "-\"" : "\"") + phrase.Surface))
                {
                    continue;
                }

                if (phrase.Words.Count == 1)
                {
                    // A one-word phrase is that word.
                    var word = new QueryWord(phrase.Words[0].Word, [phrase.Words[0].Word], false);
                    (excluded ? query.ExcludedWords : query.Words).Add(word);
                }
                else
                {
                    (excluded ? query.ExcludedPhrases : query.Phrases).Add(phrase);
                }

                continue;
            }

            var start = i;
            while (i < input.Length && !char.IsWhiteSpace(input[i]) && input[i] != '"')
            {
                i++;
            }

            foreach (var word in ParseToken(input[start..i]))
            {
                if (seen.Add((excluded ? "-" : "") + word.Joined + (word.Prefix ? "*" : "")) && query.Count < MaxClauses)
                {
                    (excluded ? query.ExcludedWords : query.Words).Add(word);
                }
            }
        }

        return query;
    }

    private int Count => Words.Count + Phrases.Count + ExcludedWords.Count + ExcludedPhrases.Count;

    /// <summary>
    /// A whitespace-free token: split into words at anything that is not a word character
    /// ("title:metode" is two words); a trailing * makes the last word a prefix.
    /// </summary>
    private static IEnumerable<QueryWord> ParseToken(string token, bool keepStopWords = false)
    {
        var segments = new List<(string Text, int End)>();
        var i = 0;
        while (i < token.Length)
        {
            if (!IsWordCharAt(token, i))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < token.Length && IsWordCharAt(token, i))
            {
                i += char.IsSurrogatePair(token, i) ? 2 : 1;
            }

            segments.Add((token[start..i], i));
        }

        for (var s = 0; s < segments.Count; s++)
        {
            (var text, var end) = segments[s];
            var prefix = end < token.Length && token[end] == '*';
            if (ToWord(text, prefix, keepStopWords) is { } word)
            {
                yield return word;
            }
        }
    }

    private static QueryPhrase? ParsePhrase(string inner)
    {
        var words = new List<(string, int)>();
        var position = 0;
        foreach (var token in inner.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var word in ParseToken(token, keepStopWords: true))
            {
                foreach (var part in word.Parts)
                {
                    if (!DanishAnalysis.IsStopWord(part))
                    {
                        words.Add((part, position));
                    }

                    position++;
                }
            }
        }

        if (words.Count == 0)
        {
            return null;
        }

        var surface = new StringBuilder();
        foreach ((var word, var _) in words)
        {
            surface.Append(surface.Length == 0 ? "" : " ").Append(word);
        }

        return new QueryPhrase(surface.ToString(), words);
    }

    /// <summary>Parts of one word: lower case, split at hyphens/apostrophes, an English "'s" dropped, junk-long parts dropped.</summary>
    private static QueryWord? ToWord(string text, bool prefix, bool keepStopWords)
    {
        var parts = new List<string>();
        foreach (var raw in text.Split(['-', '\'', '\u2019', '\u2011'], StringSplitOptions.RemoveEmptyEntries))
        {
            var part = raw.ToLowerInvariant();
            if (part == "s" && parts.Count > 0)
            {
                continue; // "SIND's" → "sind"
            }

            if (part.Length <= DanishAnalysis.MaxTokenLength)
            {
                parts.Add(part);
            }
        }

        if (parts.Count == 0)
        {
            return null;
        }

        if (!keepStopWords && !prefix && parts.Count == 1 && DanishAnalysis.IsStopWord(parts[0]))
        {
            return null;
        }

        return new QueryWord(text.ToLowerInvariant(), parts, prefix);
    }

    private static bool IsWordCharAt(string text, int index) =>
        char.IsSurrogatePair(text, index) ? DanishAnalysis.IsWordChar(char.ConvertToUtf32(text, index)) : !char.IsSurrogate(text[index]) && DanishAnalysis.IsWordChar(text[index]);
}
