using Videnscenter.Search;

namespace Videnscenter.Search.Tests.Results;

/// <summary>A deck and its slides come back as one hit with the best slides beneath it, counted once.</summary>
public sealed class SlideDeckTests : IDisposable
{
    private readonly TestIndex _index = new();

    public SlideDeckTests()
    {
        var deck = TestIndex.Doc("deck", "Recovery i praksis", "Oplæg om recovery.", "Et oplæg i fem dias.", type: "SlideDeck", departments: ["Nord"]);
        _index.Index.Upsert(
        [
            deck,
            deck with { Id = "deck#slide-1", Title = "Recovery i praksis, slide 1: Håb", Summary = "", Body = "Håb er grundlaget for recovery.", Url = "/dias/deck#slide-1", Boost = 0.9 },
            deck with { Id = "deck#slide-2", Title = "Recovery i praksis, slide 2: Mestring", Summary = "", Body = "Mestring i hverdagen og mestringsgrupper.", Url = "/dias/deck#slide-2", Boost = 0.9 },
            deck with { Id = "deck#slide-3", Title = "Recovery i praksis, slide 3: Netværk", Summary = "", Body = "Netværk og mestring af ensomhed.", Url = "/dias/deck#slide-3", Boost = 0.9 },
            TestIndex.Doc("method", "Mestring som metode", "Metode til mestring.", type: "Method", departments: ["Nord"]),
        ]);
    }

    public void Dispose() => _index.Dispose();

    [Fact]
    public void Deck_and_matching_slides_are_one_hit_counted_once()
    {
        var result = _index.Search("recovery");
        Assert.Equal(1, result.Total);
        var hit = Assert.Single(result.Hits);
        Assert.Equal("deck", hit.Id);
        Assert.Equal(3, hit.Slides.Count);
        Assert.Equal([new FacetValue("SlideDeck", 1)], result.Facets["type"]);
        Assert.Equal([new FacetValue("Nord", 1)], result.Facets["department"]);
    }

    [Fact]
    public void Only_slides_matching_shows_the_deck_with_the_best_slides_linked()
    {
        var result = _index.Search("mestring");
        Assert.Equal(2, result.Total);
        var deck = Assert.Single(result.Hits, h => h.Id == "deck");
        Assert.Equal("Recovery i praksis", deck.Title);
        Assert.Equal([2, 3], deck.Slides.Select(s => s.Number).Order());
        var best = deck.Slides[0];
        Assert.Equal(2, best.Number); // two mentions beat one
        Assert.Equal("/dias/deck#slide-2", best.Url);
        Assert.Contains("<mark>Mestring</mark>", best.SnippetHtml);
        Assert.Equal(1, result.Facets["type"].Single(v => v.Value == "SlideDeck").Count);
        Assert.Equal(2, result.Facets["department"].Single(v => v.Value == "Nord").Count);
    }

    [Fact]
    public void Other_hits_have_no_slides() => Assert.Empty(_index.Search("metode").Hits.Single().Slides);
}
