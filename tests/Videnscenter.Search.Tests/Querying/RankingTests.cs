using Videnscenter.Search;
using Videnscenter.Search.Analysis;

namespace Videnscenter.Search.Tests.Querying;

public sealed class RankingTests : IDisposable
{
    private readonly TestIndex _index = new();

    public void Dispose() => _index.Dispose();

    [Fact]
    public void Title_beats_summary_beats_body()
    {
        _index.Index.Upsert(
        [
            TestIndex.Doc("body", "Om hverdagen", "Noget helt andet her.", "Her nævnes metode en gang."),
            TestIndex.Doc("summary", "Om hverdagen", "Her nævnes metode en gang.", "Noget helt andet her."),
            TestIndex.Doc("title", "Om metode", "Noget helt andet her.", "Her nævnes hverdagen en gang."),
        ]);
        Assert.Equal(["title", "summary", "body"], _index.Ids("metode"));
    }

    [Fact]
    public void Boost_multiplies_the_score()
    {
        _index.Index.Upsert(
        [
            TestIndex.Doc("plain", "Recovery", "Om recovery.", boost: 1.0),
            TestIndex.Doc("boosted", "Recovery", "Om recovery.", boost: 2.0),
            TestIndex.Doc("filler", "Kost"),
        ]);
        SearchResult result = _index.Search("recovery");
        Assert.Equal(["boosted", "plain"], result.Hits.Select(h => h.Id));
        Assert.Equal(2.0, result.Hits[0].Score / result.Hits[1].Score, 9);
    }

    [Fact]
    public void Upcoming_events_rank_before_undated_before_past_ones()
    {
        _index.Index.Upsert(
        [
            TestIndex.Doc("past", "Kursus i mestring", "Et kursus.", type: "Course", starts: TestIndex.Now.AddDays(-1)),
            TestIndex.Doc("undated", "Kursus i mestring", "Et kursus.", type: "Course"),
            TestIndex.Doc("upcoming", "Kursus i mestring", "Et kursus.", type: "Course", starts: TestIndex.Now.AddDays(30)),
            TestIndex.Doc("today", "Kursus i mestring", "Et kursus.", type: "Course", starts: TestIndex.Now),
        ]);
        SearchResult result = _index.Search("kursus mestring");
        Assert.Equal(["today", "upcoming", "undated", "past"], result.Hits.Select(h => h.Id));
        Assert.Equal(1.25, result.Hits[1].Score / result.Hits[2].Score, 9);
        Assert.Equal(0.8, result.Hits[3].Score / result.Hits[2].Score, 9);
    }

    [Fact]
    public void A_much_better_past_match_still_beats_a_weak_upcoming_one()
    {
        _index.Index.Upsert(
        [
            TestIndex.Doc("past", "Mestring", "Mestring mestring.", "Mestring.", starts: TestIndex.Now.AddDays(-10)),
            TestIndex.Doc("upcoming", "Et kursus", "Om mange ting.", string.Join(' ', Enumerable.Repeat("andet", 100)) + " mestring", starts: TestIndex.Now.AddDays(10)),
        ]);
        Assert.Equal(["past", "upcoming"], _index.Ids("mestring"));
    }

    /// <summary>The scores are standard BM25 (FTS5's IDF, k1 1.2, b 0.75, weights 10/4/1) computed independently here.</summary>
    [Fact]
    public void Scores_are_exact_bm25_with_column_weights()
    {
        SearchDocument[] documents =
        [
            TestIndex.Doc("a", "Recovery og metode", "En metode til recovery i hverdagen.", "Recovery handler om håb. " + string.Join(' ', Enumerable.Repeat("tekst", 40)), tags: ["Recovery"]),
            TestIndex.Doc("b", "Metoder", "Metoder for pårørende.", "Pårørende og recovery-skolen tilbyder metoder og recovery."),
            TestIndex.Doc("c", "Kost", "Kost og motion.", "Intet om emnet. " + string.Join(' ', Enumerable.Repeat("fyld", 200))),
            TestIndex.Doc("d", "Recovery", "Kort.", ""),
            TestIndex.Doc("e", "Samtaler", "Samtaler med borgere om metode.", "Metode, metode og atter metode. Recovery."),
        ];
        _index.Index.Upsert(documents);

        foreach (string query in new[] { "recovery", "metode", "recovery metode", "pårørende", "recoveryskolen" })
        {
            SearchResult result = _index.Search(query);
            Assert.NotEmpty(result.Hits);
            foreach (SearchHit hit in result.Hits)
            {
                double expected = ReferenceBm25(documents, documents.Single(d => d.Id == hit.Id), query);
                Assert.True(Math.Abs(expected - hit.Score) <= 1e-9 * expected, $"{query} / {hit.Id}: expected {expected}, got {hit.Score}");
            }
        }
    }

    private static double ReferenceBm25(SearchDocument[] all, SearchDocument document, string query)
    {
        const double k1 = 1.2;
        const double b = 0.75;
        string[] Terms(string text) => DanishAnalyzer.Instance.AnalyzeToString(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        (string[] Title, string[] Summary, string[] Body) Fields(SearchDocument d) =>
            (Terms(d.Title), [.. Terms(d.Summary), .. d.Tags.SelectMany(Terms)], Terms(d.Body));

        var fields = all.ToDictionary(d => d.Id, Fields);
        double averageLength = fields.Values.Average(f => f.Title.Length + f.Summary.Length + f.Body.Length);
        var target = fields[document.Id];
        double length = target.Title.Length + target.Summary.Length + target.Body.Length;
        double score = 0;
        foreach (string term in Terms(query))
        {
            int containing = fields.Values.Count(f => f.Title.Contains(term) || f.Summary.Contains(term) || f.Body.Contains(term));
            double idf = Math.Log((all.Length - containing + 0.5) / (containing + 0.5));
            if (idf <= 0)
            {
                idf = 1e-6;
            }

            double frequency = (10.0 * target.Title.Count(t => t == term)) + (4.0 * target.Summary.Count(t => t == term)) + target.Body.Count(t => t == term);
            score += idf * frequency * (k1 + 1) / (frequency + (k1 * (1 - b + (b * length / averageLength))));
        }

        return score;
    }
}
