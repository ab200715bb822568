using System.Globalization;
using Videnscenter.Search;
using Videnscenter.Search.Tests.Relevance;

namespace Videnscenter.Benchmarks.Search;

/// <summary>
/// <c>relevance</c>: the ranking per query class. First the relevance set over the seed content
/// (judgements.tsv, the same set and evaluator the Search tests run), then the judged synthetic
/// queries at each <c>--sizes</c> corpus size. One line per class:
/// <c>relevance class=… queries=… ndcg10=… zero_hit=… corpus=…</c>; with <c>--verbose</c> also one
/// line per query on stderr (and the top ten, graded, of a query below 0.9).
/// </summary>
internal static class RelevanceBenchmark
{
    public static int Run(string[] args)
    {
        var verbose = args.Contains("--verbose");
        int[] sizes = [.. (SearchBenchmark.Option(args, "--sizes") ?? "10000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];

        using (var seed = new SeedIndex())
        {
            Console.Error.WriteLine(seed.SynonymsApplied ? "# synonyms: the seed synonyms are applied" : "# synonyms: this engine takes none");
            Print(RelevanceEvaluator.ScoreAll(seed.Index, RelevanceSet.Load()), "seed", verbose);
        }

        foreach (var size in sizes)
        {
            var corpus = new DanishCorpus();
            var documents = corpus.Generate(size);
            using var index = new SeedIndex(documents);
            Print(RelevanceEvaluator.ScoreAll(index.Index, SyntheticRelevance.For(corpus, documents)), $"synthetic-{size}", verbose);
        }

        return 0;
    }

    private static void Print(IReadOnlyList<QueryScore> scores, string corpus, bool verbose)
    {
        foreach (var row in RelevanceEvaluator.ByClass(scores))
        {
            Console.WriteLine(row.Line(corpus));
        }

        if (verbose)
        {
            foreach (var score in scores)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"#   {corpus} {score.Query.Class,-10} {score.Query.Query,-26} ndcg10={score.Ndcg10:F3} total={score.Total}"));
                if (score.Ndcg10 < 0.9)
                {
                    // The top ten with their grades, to see what ranks above the judged items.
                    Console.Error.WriteLine("#       top: " + string.Join(" ", score.TopKeys.Select(k => $"{k}={score.Query.Grades.GetValueOrDefault(k)}")));
                }
            }
        }
    }
}
