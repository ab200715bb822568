using System.Text;

namespace Videnscenter.Search.Querying;

/// <summary>
/// Builds FTS5 MATCH expressions from analysed clauses. Every term is written as a quoted FTS5 string
/// (internal quotes doubled), so no user text can act as FTS5 syntax (operators, column filters,
/// NEAR, ^, brackets): the only syntax in the expression is what this class writes.
/// </summary>
internal static class MatchExpression
{
    /// <summary>
    /// All positive clauses (or, with <paramref name="anyClause"/>, any of them), minus the excluded
    /// ones; null when there is no positive clause.
    /// </summary>
    public static string? Build(IEnumerable<QueryClause> clauses, bool anyClause)
    {
        var positive = new List<string>();
        var negative = new List<string>();
        foreach (QueryClause clause in clauses)
        {
            if (clause.Alternatives.Count == 0)
            {
                continue;
            }

            (clause.Excluded ? negative : positive).Add(Group(clause.Alternatives));
        }

        if (positive.Count == 0)
        {
            return null;
        }

        string match = string.Join(anyClause ? " OR " : " AND ", positive);
        if (negative.Count > 0)
        {
            match = "(" + match + ") NOT (" + string.Join(" OR ", negative) + ")";
        }

        return match;
    }

    /// <summary>One FTS5 string for a term or phrase, e.g. "recovery skol" or "metod"*.</summary>
    public static string Quote(IEnumerable<string> terms, bool prefix)
    {
        var builder = new StringBuilder("\"");
        bool first = true;
        foreach (string term in terms)
        {
            if (!first)
            {
                builder.Append(' ');
            }

            builder.Append(term.Replace("\"", "\"\"", StringComparison.Ordinal));
            first = false;
        }

        builder.Append('"');
        if (prefix)
        {
            builder.Append('*');
        }

        return builder.ToString();
    }

    private static string Group(List<Alternative> alternatives)
    {
        if (alternatives.Count == 1)
        {
            return Quote(alternatives[0].Terms, alternatives[0].Prefix);
        }

        return "(" + string.Join(" OR ", alternatives.Select(a => Quote(a.Terms, a.Prefix))) + ")";
    }
}
