using System.Globalization;

namespace Videnscenter.Search.Tests.Relevance;

/// <summary>How one query did: nDCG@10 and whether it found anything at all.</summary>
internal sealed record QueryScore(JudgedQuery Query, double Ndcg10, int Total, IReadOnlyList<string> TopKeys);

/// <summary>Mean nDCG@10 and share of zero-hit queries of one class (or "all").</summary>
internal sealed record ClassScore(string Class, int Queries, double Ndcg10, double ZeroHitShare)
{
    public string Line(string? corpus = null) => string.Create(CultureInfo.InvariantCulture,
        $"relevance class={Class} queries={Queries} ndcg10={Ndcg10:F3} zero_hit={ZeroHitShare:F2}{(corpus is null ? "" : " corpus=" + corpus)}");
}

/// <summary>
/// Runs judged queries through the public <see cref="SearchIndex"/> API and scores them with nDCG@10
/// (gain 2^grade − 1, discount log2(rank + 1), ideal order from the judgements). Hits are reduced to
/// document keys first: a slide "slides/x#slide-3" counts as its deck "slides/x", once, at its best
/// rank, so an engine that returns slides one by one and one that returns the deck are judged alike.
/// </summary>
internal static class RelevanceEvaluator
{
    public const int Depth = 10;

    /// <summary>"Now" for upcoming-versus-past ranking: fixed so the figures do not drift with the date.</summary>
    public static readonly DateTime Now = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    public static QueryScore Score(SearchIndex index, JudgedQuery query, Audience reader = Audience.Medarbejder)
    {
        // A deep enough page that 10 distinct keys remain after slides fold into their deck.
        var result = index.Search(new SearchRequest { Query = query.Query, Reader = reader, PageSize = 50, NowUtc = Now });
        List<string> keys = [.. result.Hits.Select(h => Key(h.Id)).Distinct(StringComparer.Ordinal).Take(Depth)];
        return new QueryScore(query, Ndcg(keys, query.Grades), result.Total, keys);
    }

    public static IReadOnlyList<QueryScore> ScoreAll(SearchIndex index, IEnumerable<JudgedQuery> queries, Audience reader = Audience.Medarbejder) =>
        [.. queries.Select(q => Score(index, q, reader))];

    /// <summary>One row per class that has queries, in <see cref="RelevanceSet.Classes"/> order, then "all".</summary>
    public static IReadOnlyList<ClassScore> ByClass(IReadOnlyList<QueryScore> scores)
    {
        var rows = new List<ClassScore>();
        foreach (var name in RelevanceSet.Classes.Concat(scores.Select(s => s.Query.Class)).Distinct())
        {
            QueryScore[] inClass = [.. scores.Where(s => s.Query.Class == name)];
            if (inClass.Length > 0)
            {
                rows.Add(Summarise(name, inClass));
            }
        }

        rows.Add(Summarise("all", scores));
        return rows;
    }

    public static double Ndcg(IReadOnlyList<string> rankedKeys, IReadOnlyDictionary<string, int> grades)
    {
        var ideal = Dcg(grades.Values.Where(g => g > 0).OrderDescending().Take(Depth).ToList());
        if (ideal == 0)
        {
            return 0;
        }

        return Dcg([.. rankedKeys.Take(Depth).Select(k => grades.TryGetValue(k, out var g) ? g : 0)]) / ideal;
    }

    /// <summary>The judged key of a hit id: a slide's id without its "#slide-N".</summary>
    public static string Key(string id)
    {
        var hash = id.IndexOf('#', StringComparison.Ordinal);
        return hash >= 0 ? id[..hash] : id;
    }

    private static ClassScore Summarise(string name, IReadOnlyCollection<QueryScore> scores) =>
        new(name, scores.Count, scores.Average(s => s.Ndcg10), scores.Count(s => s.Total == 0) / (double)scores.Count);

    private static double Dcg(IReadOnlyList<int> gains)
    {
        double sum = 0;
        for (var i = 0; i < gains.Count; i++)
        {
            sum += (Math.Pow(2, gains[i]) - 1) / Math.Log2(i + 2);
        }

        return sum;
    }
}
