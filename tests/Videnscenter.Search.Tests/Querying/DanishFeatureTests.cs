using Videnscenter.Search;

namespace Videnscenter.Search.Tests.Querying;

/// <summary>Compounds, ASCII spellings, irregular inflections and synonyms, through the public API.</summary>
public sealed class DanishFeatureTests : IDisposable
{
    private readonly TestIndex _index = new();

    public DanishFeatureTests()
    {
        _index.Index.Upsert(
        [
            TestIndex.Doc("skole-1", "Recoveryskolen i Randers", "Kurser for borgere og pårørende.", "Recoveryskolen tilbyder kurser om håb."),
            TestIndex.Doc("skole-2", "Nyt fra Recovery-skolen", "Forårets program.", "På recovery-skolen underviser peers."),
            TestIndex.Doc("skole-3", "Semesterstart", "Recoveryskolens nye semester.", "Tilmelding til recoveryskolen åbner i dag."),
            TestIndex.Doc("recovery-only", "Recovery i hverdagen", "Om recovery.", "Recovery handler om håb og mening."),
            TestIndex.Doc("skole-only", "Skolen på hjørnet", "En almindelig skole.", "Skolen har mange elever."),
            TestIndex.Doc("plan", "Psykiatriplanen 2025", "Kommunens psykiatriplan.", "Psykiatriplanen beskriver indsatsen."),
            TestIndex.Doc("psykiatri-only", "Psykiatri i Randers", "Om psykiatri.", "Psykiatrien i kommunen."),
            TestIndex.Doc("plan-only", "Planen for året", "En plan.", "Planen beskriver året."),
            TestIndex.Doc("aaben", "Åben dialog", "Samtaler med pårørende i en åben dialog.", "Pårørende inviteres til åbne møder."),
            TestIndex.Doc("aften", "Aftenmøde", "Et møde om aftenen.", "Aften for frivillige."),
            TestIndex.Doc("kursus", "Kursus i mestring", "Kurset varer fire uger.", "Kurserne ligger om tirsdagen."),
            TestIndex.Doc("misbrug", "Hjælp ved misbrug", "Rådgivning om misbrug.", "Vi hjælper ved misbrug af alkohol."),
            TestIndex.Doc("rusmidler", "Rusmidler og unge", "Om rusmidler.", "Unge og rusmidler."),
        ]);
    }

    public void Dispose() => _index.Dispose();

    [Fact]
    public void A_compound_written_three_ways_finds_the_same_items_with_the_same_top_hits()
    {
        var joined = _index.Search("recoveryskolen");
        var spaced = _index.Search("recovery skolen");
        var hyphenated = _index.Search("recovery-skolen");

        string[] expected = ["skole-1", "skole-2", "skole-3"];
        Assert.Equal(expected, joined.Hits.Select(h => h.Id).Order(StringComparer.Ordinal));
        Assert.Equal(joined.Hits.Select(h => h.Id), spaced.Hits.Select(h => h.Id));
        Assert.Equal(joined.Hits.Select(h => h.Id), hyphenated.Hits.Select(h => h.Id));
        Assert.Equal(joined.Hits.Select(h => h.Score), hyphenated.Hits.Select(h => h.Score));
    }

    [Fact]
    public void A_compound_requires_its_parts_together()
    {
        // Documents with only "psykiatri" or only "plan" do not match "psykiatriplanen".
        Assert.Equal(["plan"], _index.Ids("psykiatriplanen"));
        Assert.Equal(["plan"], _index.Ids("psykiatri planen"));
        Assert.DoesNotContain("recovery-only", _index.Ids("recoveryskolen"));
        Assert.DoesNotContain("skole-only", _index.Ids("recoveryskolen"));
    }

    [Fact]
    public void A_compound_ranks_above_a_document_with_its_parts_far_apart()
    {
        using var index = new TestIndex();
        index.Index.Upsert(
        [
            // The parts in the title (weighted ×3), but apart: "peer" here, "medarbejdere" there.
            TestIndex.Doc("apart", "Peer-uddannelsen for medarbejdere", "Et kursus for medarbejdere.", "Om peer-arbejde i teams."),
            TestIndex.Doc("compound", "Sofie Lund", "Underviser på Recoveryskolen.", "Jeg er uddannet peer-medarbejder og har arbejdet her siden 2019, hvor jeg underviser i flere af de grundlæggende kurser."),
        ]);

        foreach (var query in (string[])["peer-medarbejder", "peermedarbejder", "peer medarbejder"])
        {
            Assert.Equal(["compound", "apart"], index.Ids(query));
        }
    }

    [Fact]
    public void A_misspelt_compound_is_still_found()
    {
        var typo = _index.Search("recoveryskolne");
        Assert.Equal("recoveryskolen", typo.DidYouMean);
        Assert.Contains(typo.Hits, h => h.Id == "skole-1");

        // Without the linking letter it is found through its two known parts.
        var parts = _index.Search("psykiatrplanen");
        Assert.Contains(parts.Hits, h => h.Id == "plan");
    }

    [Theory]
    [InlineData("paaroerende")]
    [InlineData("paarorende")]
    [InlineData("aaben")]
    [InlineData("aaben dialog")]
    [InlineData("AABEN DIALOG")]
    public void Danish_letters_typed_without_them_find_the_danish_words(string query)
    {
        var result = _index.Search(query);
        Assert.Contains(result.Hits, h => h.Id == "aaben");
        Assert.Null(result.DidYouMean);
        Assert.DoesNotContain(result.Hits, h => h.Id == "aften");
    }

    [Fact]
    public void An_ascii_spelling_is_never_corrected_into_another_word()
    {
        var result = _index.Search("aaben dialog");
        Assert.Null(result.DidYouMean);
        Assert.Equal("aaben", result.Hits[0].Id);
    }

    /// <summary>kursus / kurser / kurset / kurserne (and their genitives) are one word to the search.</summary>
    [Theory]
    [InlineData("kursus")]
    [InlineData("kurser")]
    [InlineData("kurset")]
    [InlineData("kurserne")]
    [InlineData("kursets")]
    public void Irregular_inflections_are_equivalent(string form)
    {
        Assert.Contains("kursus", _index.Ids(form));
        Assert.Equal(_index.Search("kursus").Total, _index.Search(form).Total);
    }

    [Fact]
    public void Synonyms_apply_at_query_time_and_can_be_replaced_without_a_reindex()
    {
        Assert.Equal(["misbrug"], _index.Ids("misbrug"));

        _index.Index.Synonyms = new SynonymSet([["misbrug", "rusmidler"], ["bostøtte", "mestringsvejledning"]]);
        var widened = _index.Search("misbrug");
        Assert.Equal(["misbrug", "rusmidler"], widened.Hits.Select(h => h.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["rusmidler"], widened.SynonymsTried);
        Assert.Equal(["misbrug", "rusmidler"], _index.Ids("rusmidler").Order(StringComparer.Ordinal));

        // The direct match ranks first.
        Assert.Equal("misbrug", widened.Hits[0].Id);

        _index.Index.Synonyms = SynonymSet.Empty;
        Assert.Equal(["misbrug"], _index.Ids("misbrug"));
        Assert.Empty(_index.Search("misbrug").SynonymsTried);
    }

    [Fact]
    public void Multi_word_synonyms_are_searched_as_phrases()
    {
        _index.Index.Synonyms = new SynonymSet([["peer", "åben dialog"]]);
        var result = _index.Search("peer");
        Assert.Contains(result.Hits, h => h.Id == "aaben");
        Assert.Equal(["åben dialog"], result.SynonymsTried);
    }
}
