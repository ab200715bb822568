using Videnscenter.Search;

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
        var result = _index.Search("recovery");
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
        var result = _index.Search("kursus mestring");
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

    /// <summary>
    /// The text score is Lucene's BM25 (k1 1.2, b 0.75) summed over the fields with their weights
    /// (title 3, summary and tags 1.5, body 1): checked here by the properties that define it rather
    /// than by re-deriving Lucene's one-byte length norms.
    /// </summary>
    [Fact]
    public void Scores_behave_as_weighted_bm25()
    {
        _index.Index.Upsert(
        [
            TestIndex.Doc("once", "Om hverdagen", body: "Recovery nævnes her. " + string.Join(' ', Enumerable.Repeat("tekst", 20))),
            TestIndex.Doc("twice", "Om hverdagen", body: "Recovery nævnes her. Recovery igen. " + string.Join(' ', Enumerable.Repeat("tekst", 18))),
            TestIndex.Doc("four", "Om hverdagen", body: "Recovery recovery recovery recovery nævnes. " + string.Join(' ', Enumerable.Repeat("tekst", 16))),
            TestIndex.Doc("long", "Om hverdagen", body: "Recovery nævnes her. " + string.Join(' ', Enumerable.Repeat("tekst", 400))),
            TestIndex.Doc("rare", "Om hverdagen", body: "Mestring nævnes her. " + string.Join(' ', Enumerable.Repeat("tekst", 20))),
            TestIndex.Doc("title", "Recovery", body: string.Join(' ', Enumerable.Repeat("tekst", 20))),
        ]);
        double Score(string query, string id) => _index.Search(query, pageSize: 20).Hits.Single(h => h.Id == id).Score;

        // More occurrences score higher, but saturate (k1): four times is far from four times the score.
        Assert.True(Score("recovery", "twice") > Score("recovery", "once"));
        Assert.True(Score("recovery", "four") > Score("recovery", "twice"));
        Assert.True(Score("recovery", "four") < 2 * Score("recovery", "once"));

        // Longer fields score lower for the same count (b).
        Assert.True(Score("recovery", "once") > Score("recovery", "long"));

        // A rare term weighs more than a common one (IDF).
        Assert.True(Score("mestring", "rare") > Score("recovery", "once"));

        // The title outweighs the body.
        Assert.Equal("title", _index.Search("recovery").Hits[0].Id);

        // Identical documents score identically, and two words add up.
        Assert.Equal(Score("recovery", "once"), _index.Search("recovery", pageSize: 20).Hits.Single(h => h.Id == "once").Score);
        Assert.True(Score("recovery tekst", "once") > Score("recovery", "once"));
    }
}
