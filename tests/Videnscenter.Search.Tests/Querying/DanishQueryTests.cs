using Videnscenter.Search;

namespace Videnscenter.Search.Tests.Querying;

public sealed class DanishQueryTests : IDisposable
{
    private readonly TestIndex _index = new();

    public DanishQueryTests()
    {
        _index.Index.Upsert(
        [
            TestIndex.Doc("metode", "En metode til samtaler", "Metoden bruges i hverdagen.", "Vi beskriver en metode, som borgeren kan bruge."),
            TestIndex.Doc("paaroerende", "Pårørende som ressource", "Inddragelse af pårørende.", "Pårørende er en vigtig del af forløbet."),
            TestIndex.Doc("skolen-ett-ord", "Recoveryskolen i Randers", "Kurser for borgere.", "Recoveryskolen tilbyder kurser om håb og mestring."),
            TestIndex.Doc("skolen-bindestreg", "Nyt fra recovery-skolen", "Forårets program.", "På recovery-skolen underviser peers."),
            TestIndex.Doc("mestring", "Mestringsvejledning for borgere", "Mestringsvejledning i grupper.", "En mestringsvejledning hjælper med at håndtere symptomer."),
            TestIndex.Doc("gruppe", "Gruppeforløb", "Gruppe for mestring af angst.", "Mestring i en gruppe giver fællesskab."),
            TestIndex.Doc("kost", "Kost og motion", "Sund kost.", "Motion og kost hænger sammen."),
            TestIndex.Doc("net", "Netværksmøde", "Et netværk holder møde.", "Netværksmødet er åbent."),
        ]);
    }

    public void Dispose() => _index.Dispose();

    [Fact]
    public void Inflected_form_finds_the_base_form()
    {
        Assert.Contains("metode", _index.Ids("metoderne"));
        Assert.Contains("metode", _index.Ids("Metodens"));
    }

    [Fact]
    public void Genitive_finds_the_word() => Assert.Contains("paaroerende", _index.Ids("pårørendes"));

    [Fact]
    public void Compound_finds_both_the_joined_and_the_hyphenated_spelling()
    {
        var ids = _index.Ids("recoveryskolen");
        Assert.Contains("skolen-ett-ord", ids);
        Assert.Contains("skolen-bindestreg", ids);

        var hyphenated = _index.Ids("recovery-skolen");
        Assert.Contains("skolen-ett-ord", hyphenated);
        Assert.Contains("skolen-bindestreg", hyphenated);
    }

    [Fact]
    public void Misspelt_word_gives_did_you_mean_and_the_corrected_hits()
    {
        var result = _index.Search("mestringsvejlednig");
        Assert.Equal("mestringsvejledning", result.DidYouMean);
        Assert.Contains(result.Hits, h => h.Id == "mestring");
    }

    [Fact]
    public void Did_you_mean_keeps_the_other_words()
    {
        var result = _index.Search("borgere mestringsvejlednig");
        Assert.Equal("borgere mestringsvejledning", result.DidYouMean);
        Assert.Equal("mestring", Assert.Single(result.Hits).Id);
    }

    [Fact]
    public void A_word_one_edit_from_a_known_word_is_corrected_rather_than_split()
    {
        // "netværkmøde" could also be split into "netværk" + "møde", but one edit from
        // "netværksmøde" it is most likely that word misspelt.
        var result = _index.Search("netværkmøde");
        Assert.Equal("netværksmøde", result.DidYouMean);
        Assert.Equal(["net"], result.Hits.Select(h => h.Id));
    }

    [Fact]
    public void Known_words_give_no_did_you_mean() => Assert.Null(_index.Search("metode").DidYouMean);

    [Fact]
    public void Phrase_matches_consecutive_words_only()
    {
        Assert.Equal(["metode"], _index.Ids("\"en metode til samtaler\""));
        Assert.Empty(_index.Ids("\"samtaler metode\""));
    }

    [Fact]
    public void Phrase_of_parts_matches_a_hyphenated_word() => Assert.Contains("skolen-bindestreg", _index.Ids("\"recovery skolen\""));

    [Fact]
    public void Exclusion_removes_documents()
    {
        var all = _index.Ids("mestring");
        Assert.Contains("gruppe", all);
        var without = _index.Ids("mestring -angst");
        Assert.DoesNotContain("gruppe", without);
        Assert.NotEmpty(without);
        Assert.DoesNotContain("skolen-ett-ord", _index.Ids("kurser -\"håb og mestring\""));
    }

    [Fact]
    public void Only_exclusions_find_nothing()
    {
        var result = _index.Search("-metode");
        Assert.Equal(0, result.Total);
        Assert.Empty(result.Hits);
    }

    [Fact]
    public void Prefix_matches_the_start_of_words()
    {
        var ids = _index.Ids("mestringsv*");
        Assert.Contains("mestring", ids);
        Assert.DoesNotContain("kost", ids);
        Assert.Contains("paaroerende", _index.Ids("pårør*"));
    }

    [Fact]
    public void All_words_are_required()
    {
        Assert.Equal(["kost"], _index.Ids("kost motion"));
        Assert.False(_index.Search("kost motion").RelaxedToAnyWord);
    }

    [Fact]
    public void Relaxes_to_any_word_when_no_document_has_all()
    {
        var result = _index.Search("kost pårørende");
        Assert.True(result.RelaxedToAnyWord);
        Assert.Equal(2, result.Total);
        Assert.Equal(["kost", "paaroerende"], result.Hits.Select(h => h.Id).Order().ToArray());
    }

    [Fact]
    public void Unknown_compound_is_split_into_known_words()
    {
        // "mestringgruppe" occurs nowhere, but "mestring" and "gruppe" do, next to each other in "gruppe".
        var result = _index.Search("mestringgruppe");
        Assert.Null(result.DidYouMean);
        Assert.Contains(result.Hits, h => h.Id == "gruppe");
    }

    [Fact]
    public void Unknown_word_inside_a_compound_title_is_found_by_substring()
    {
        // "vejledning" alone occurs nowhere; the title "Mestringsvejledning for borgere" contains it.
        var result = _index.Search("vejledning");
        Assert.Contains(result.Hits, h => h.Id == "mestring");
        Assert.Null(result.DidYouMean);
    }

    [Fact]
    public void Stop_words_alone_find_nothing() => Assert.Equal(0, _index.Search("og i at").Total);
}
