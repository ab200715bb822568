using Videnscenter.Search.Analysis;
using Videnscenter.Search.Vocabulary;

namespace Videnscenter.Search.Querying;

/// <summary>What a clause came from.</summary>
internal enum ClauseKind
{
    /// <summary>A plain word (or a hyphenated word).</summary>
    Word,

    /// <summary>A "quoted phrase".</summary>
    Phrase,

    /// <summary>A word ending in *.</summary>
    Prefix,
}

/// <summary>
/// One way to match a clause: a sequence of consecutive analysed terms (a single term is a one-word
/// phrase); with <see cref="Prefix"/> the last term is a prefix.
/// </summary>
internal sealed record Alternative(string[] Terms, bool Prefix = false)
{
    public string Key => string.Join(' ', Terms) + (Prefix ? "*" : "");
}

/// <summary>A required (or excluded) part of a query: it matches when any of its alternatives does.</summary>
internal sealed class QueryClause
{
    public required ClauseKind Kind { get; init; }

    public bool Excluded { get; init; }

    public required List<Alternative> Alternatives { get; set; }

    /// <summary>For a plain one-token word: the folded word as typed (eligible for compound search and
    /// spelling correction); null otherwise.</summary>
    public string? Word { get; init; }

    /// <summary>Offset of the word in the query text (for "did you mean").</summary>
    public int Start { get; init; }

    /// <summary>Length of the word in the query text.</summary>
    public int Length { get; init; }

    /// <summary>The vocabulary word that replaced a misspelt <see cref="Word"/>, if any.</summary>
    public string? Correction { get; set; }
}

/// <summary>
/// A parsed user query. User text never reaches FTS5 syntax: the parser only recognises "phrases",
/// a leading - (exclusion) and a trailing * (prefix); everything else goes through the analyzer,
/// which keeps nothing but letters and digits, and <see cref="MatchExpression"/> quotes every term.
/// </summary>
internal sealed class ParsedQuery
{
    /// <summary>Longer queries are cut (a query is typed by a person).</summary>
    public const int MaxQueryLength = 1000;

    /// <summary>At most this many clauses are used.</summary>
    public const int MaxClauses = 32;

    /// <summary>At most this many terms per phrase.</summary>
    public const int MaxPhraseTerms = 16;

    /// <summary>Shortest prefix (folded characters) for prefix search.</summary>
    public const int MinPrefixLength = 2;

    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    private ParsedQuery(string text) => Text = text;

    /// <summary>The (possibly shortened) query text.</summary>
    public string Text { get; }

    public List<QueryClause> Clauses { get; } = [];

    public IEnumerable<QueryClause> Positive => Clauses.Where(c => !c.Excluded);

    public IEnumerable<QueryClause> Negative => Clauses.Where(c => c.Excluded);

    public static ParsedQuery Parse(string? query)
    {
        string text = query ?? "";
        if (text.Length > MaxQueryLength)
        {
            int cut = MaxQueryLength;
            if (char.IsHighSurrogate(text[cut - 1]))
            {
                cut--;
            }

            text = text[..cut];
        }

        var parsed = new ParsedQuery(text);
        int i = 0;
        int n = text.Length;
        while (i < n && parsed.Clauses.Count < MaxClauses)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                i++;
                continue;
            }

            bool excluded = false;
            if (c == '-' && i + 1 < n && !char.IsWhiteSpace(text[i + 1]) && !char.IsControl(text[i + 1]))
            {
                excluded = true;
                i++;
                c = text[i];
            }

            if (c == '"')
            {
                int close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    // Unbalanced quote: ignore it, read the rest as words.
                    i++;
                    continue;
                }

                parsed.AddPhrase(i + 1, close - i - 1, excluded);
                i = close + 1;
                continue;
            }

            int start = i;
            while (i < n && !char.IsWhiteSpace(text[i]) && !char.IsControl(text[i]) && text[i] != '"')
            {
                i++;
            }

            parsed.AddWords(start, i - start, excluded);
        }

        return parsed;
    }

    private void AddPhrase(int start, int length, bool excluded)
    {
        List<AnalyzedToken> tokens = DanishAnalyzer.Instance.Analyze(Text.Substring(start, length));
        // The parts of a hyphenated word are consecutive in the index; the joined form is not.
        string[] terms = [.. tokens.Where(t => !t.IsCompoundJoin).Select(t => t.Term).Take(MaxPhraseTerms)];
        if (terms.Length == 0)
        {
            return;
        }

        Add(new QueryClause
        {
            Kind = ClauseKind.Phrase,
            Excluded = excluded,
            Alternatives = [new Alternative(terms)],
            Start = start,
            Length = length,
        });
    }

    private void AddWords(int start, int length, bool excluded)
    {
        string chunk = Text.Substring(start, length);
        bool prefix = chunk.EndsWith('*');
        string words = chunk.TrimEnd('*');
        List<AnalyzedToken> tokens = DanishAnalyzer.Instance.Analyze(words);
        if (prefix && tokens.Count == 0)
        {
            // A stop word typed as a prefix ("der*") is still a useful prefix.
            string folded = SurfaceText.FoldWord(words);
            if (folded.Length >= MinPrefixLength)
            {
                Add(new QueryClause
                {
                    Kind = ClauseKind.Prefix,
                    Excluded = excluded,
                    Alternatives = [new Alternative([folded], true)],
                    Start = start,
                    Length = words.Length,
                });
            }

            return;
        }

        int j = 0;
        while (j < tokens.Count && Clauses.Count < MaxClauses)
        {
            AnalyzedToken token = tokens[j];
            if (token.IsCompoundJoin)
            {
                // "recovery-skolen": the joined term, or the phrase of its parts.
                var parts = new List<string>();
                int k = j + 1;
                while (k < tokens.Count && !tokens[k].IsCompoundJoin && tokens[k].Position < token.Position + token.PositionLength)
                {
                    parts.Add(tokens[k].Term);
                    k++;
                }

                bool isPrefix = prefix && k == tokens.Count;
                var alternatives = new List<Alternative> { new([token.Term], isPrefix) };
                if (parts.Count > 0)
                {
                    alternatives.Add(new Alternative([.. parts], isPrefix));
                }

                Add(new QueryClause
                {
                    Kind = isPrefix ? ClauseKind.Prefix : ClauseKind.Word,
                    Excluded = excluded,
                    Alternatives = alternatives,
                    Start = start + token.Start,
                    Length = token.Length,
                });
                j = k;
                continue;
            }

            string folded = SurfaceText.FoldWord(words.Substring(token.Start, token.Length));
            bool last = j == tokens.Count - 1;
            if (prefix && last && folded.Length >= MinPrefixLength)
            {
                var alternatives = new List<Alternative> { new([token.Term], true) };
                if (folded != token.Term && !folded.StartsWith(token.Term, StringComparison.Ordinal))
                {
                    alternatives.Add(new Alternative([folded], true));
                }

                Add(new QueryClause
                {
                    Kind = ClauseKind.Prefix,
                    Excluded = excluded,
                    Alternatives = alternatives,
                    Start = start + token.Start,
                    Length = token.Length,
                });
            }
            else
            {
                Add(new QueryClause
                {
                    Kind = ClauseKind.Word,
                    Excluded = excluded,
                    Alternatives = [new Alternative([token.Term])],
                    Word = folded.Length > 0 ? folded : null,
                    Start = start + token.Start,
                    Length = token.Length,
                });
            }

            j++;
        }
    }

    private void Add(QueryClause clause)
    {
        string key = (clause.Excluded ? "-" : "+") + string.Join('|', clause.Alternatives.Select(a => a.Key));
        if (_keys.Add(key))
        {
            Clauses.Add(clause);
        }
    }
}
