using Videnscenter.Search.Analysis;
using Videnscenter.Search.Querying;

namespace Videnscenter.Search.Results;

/// <summary>The analysed terms (and prefixes) whose occurrences a snippet marks.</summary>
internal sealed class HighlightTerms
{
    private readonly HashSet<string> _terms = new(StringComparer.Ordinal);
    private readonly List<string> _prefixes = [];

    /// <summary>The terms of every positive clause as it was finally searched.</summary>
    public static HighlightTerms From(ParsedQuery query)
    {
        var highlight = new HighlightTerms();
        foreach (QueryClause clause in query.Positive)
        {
            foreach (Alternative alternative in clause.Alternatives)
            {
                for (int i = 0; i < alternative.Terms.Length; i++)
                {
                    if (alternative.Prefix && i == alternative.Terms.Length - 1)
                    {
                        highlight._prefixes.Add(alternative.Terms[i]);
                    }
                    else
                    {
                        highlight._terms.Add(alternative.Terms[i]);
                    }
                }
            }
        }

        return highlight;
    }

    public bool IsEmpty => _terms.Count == 0 && _prefixes.Count == 0;

    /// <summary>True when the token (an occurrence in <paramref name="text"/>) matches.</summary>
    public bool Matches(in AnalyzedToken token, string text)
    {
        if (_terms.Contains(token.Term))
        {
            return true;
        }

        foreach (string prefix in _prefixes)
        {
            if (token.Term.StartsWith(prefix, StringComparison.Ordinal)
                || text.AsSpan(token.Start, token.Length).StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
