using Videnscenter.Search;

namespace Videnscenter.Search.Tests.Querying;

/// <summary>A word that occurs only in a staff document must not show for a public reader anywhere.</summary>
public sealed class AccessTests : IDisposable
{
    private const string Secret = "hemmeligprojektet";
    private readonly TestIndex _index = new();

    public AccessTests()
    {
        _index.Index.Upsert(
        [
            TestIndex.Doc("public-1", "Recovery i hverdagen", "Metoder til borgere.", "Recovery handler om håb.", type: "Method", departments: ["Psykiatrien"]),
            TestIndex.Doc("public-2", "Pårørendekursus", "Kursus for pårørende om recovery.", "Kurset varer fire uger.", type: "Course", departments: ["Psykiatrien"]),
            TestIndex.Doc("volunteer", "Frivillig vagtplan", "Vagter for frivillige i recovery-caféen.", "Kun for frivillige.", Audience.Frivillig, type: "Page", departments: ["Frivilligcenter"]),
            TestIndex.Doc("staff", "Hemmeligprojektet: intern evaluering", "Internt notat om Hemmeligprojektet og recovery.",
                "Hemmeligprojektet evaluerer recovery-indsatsen. Kun for medarbejdere.", Audience.Medarbejder, type: "Memo",
                departments: ["Ledelsessekretariatet"], tags: ["fortroligt"],
                facets: new() { ["principle"] = ["Hemmelig"] }),
        ]);
    }

    public void Dispose() => _index.Dispose();

    [Theory]
    [InlineData(Audience.Offentlig)]
    [InlineData(Audience.Frivillig)]
    public void Staff_word_gives_no_hits_or_total(Audience reader)
    {
        var result = _index.Search(Secret, reader);
        Assert.Equal(0, result.Total);
        Assert.Empty(result.Hits);
        Assert.Empty(result.Facets);
        Assert.False(result.RelaxedToAnyWord);
    }

    [Fact]
    public void Staff_word_is_found_by_staff()
    {
        var result = _index.Search(Secret, Audience.Medarbejder);
        Assert.Equal(1, result.Total);
        Assert.Equal("staff", result.Hits[0].Id);
        Assert.Contains("<mark>Hemmeligprojektet</mark>", result.Hits[0].SnippetHtml);
    }

    [Theory]
    [InlineData(Audience.Offentlig)]
    [InlineData(Audience.Frivillig)]
    public void Did_you_mean_never_suggests_a_staff_word(Audience reader)
    {
        var result = _index.Search("hemmeligprjektet", reader);
        Assert.Equal(0, result.Total);
        Assert.Null(result.DidYouMean);

        var staff = _index.Search("hemmeligprjektet", Audience.Medarbejder);
        Assert.Equal(Secret, staff.DidYouMean);
        Assert.Equal(1, staff.Total);
    }

    [Theory]
    [InlineData(Audience.Offentlig)]
    [InlineData(Audience.Frivillig)]
    public void Shared_words_count_only_visible_documents(Audience reader)
    {
        var result = _index.Search("recovery", reader);
        var expected = reader == Audience.Offentlig ? 2 : 3;
        Assert.Equal(expected, result.Total);
        Assert.DoesNotContain(result.Hits, h => h.Id == "staff");
        Assert.DoesNotContain(result.Hits, h => h.SnippetHtml.Contains("emmelig", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(expected, result.Facets["type"].Sum(v => v.Count));
        Assert.DoesNotContain(result.Facets["type"], v => v.Value == "Memo");
        Assert.DoesNotContain(result.Facets["department"], v => v.Value == "Ledelsessekretariatet");
        Assert.False(result.Facets.ContainsKey("principle"));
        Assert.False(result.Facets.ContainsKey("tag"));
        Assert.DoesNotContain(result.Facets["audience"], v => v.Value == nameof(Audience.Medarbejder));
        Assert.Equal(reader == Audience.Frivillig, result.Facets["audience"].Any(v => v.Value == nameof(Audience.Frivillig)));
    }

    [Fact]
    public void Staff_see_everything_with_facets()
    {
        var result = _index.Search("recovery", Audience.Medarbejder);
        Assert.Equal(4, result.Total);
        Assert.Contains(result.Facets["type"], v => v.Value == "Memo" && v.Count == 1);
        Assert.Contains(result.Facets["principle"], v => v.Value == "Hemmelig");
    }

    [Theory]
    [InlineData(Audience.Offentlig)]
    [InlineData(Audience.Frivillig)]
    public void Autocomplete_hides_staff_titles_and_words(Audience reader)
    {
        Assert.DoesNotContain(_index.Index.Autocomplete("hem", reader), s => s.Contains("emmelig", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(_index.Index.Autocomplete("hemmelig", reader));

        var staff = _index.Index.Autocomplete("hem", Audience.Medarbejder);
        Assert.Contains("Hemmeligprojektet: intern evaluering", staff);
        Assert.Contains(Secret, staff);
    }

    [Fact]
    public void Volunteer_document_is_hidden_from_the_public_only()
    {
        Assert.Empty(_index.Ids("vagtplan", Audience.Offentlig));
        Assert.Equal(["volunteer"], _index.Ids("vagtplan", Audience.Frivillig));
        Assert.Equal(["volunteer"], _index.Ids("vagtplan", Audience.Medarbejder));
        Assert.Null(_index.Search("vagtplaan", Audience.Offentlig).DidYouMean);
        Assert.Equal("vagtplan", _index.Search("vagtplaan", Audience.Frivillig).DidYouMean);
    }

    [Fact]
    public void Lowering_the_audience_later_reveals_the_document_and_raising_it_hides_it_again()
    {
        _index.Index.Upsert(TestIndex.Doc("staff", "Hemmeligprojektet: nu offentligt", "Resultater.", "Hemmeligprojektet er afsluttet."));
        Assert.Equal(["staff"], _index.Ids(Secret, Audience.Offentlig));
        Assert.Contains(Secret, _index.Index.Autocomplete("hemmelig", Audience.Offentlig));

        _index.Index.Upsert(TestIndex.Doc("staff", "Hemmeligprojektet: intern", "Notat.", "Hemmeligprojektet.", Audience.Medarbejder));
        Assert.Empty(_index.Ids(Secret, Audience.Offentlig));
        Assert.Empty(_index.Index.Autocomplete("hemmelig", Audience.Offentlig));
        Assert.Null(_index.Search("hemmeligprjektet", Audience.Offentlig).DidYouMean);
    }

    [Fact]
    public void Filters_on_a_hidden_facet_value_find_nothing()
    {
        Assert.Equal(0, _index.Search("recovery", Audience.Offentlig, department: "Ledelsessekretariatet").Total);
        Assert.Equal(0, _index.Search("recovery", Audience.Offentlig, type: "Memo").Total);
        Assert.Equal(1, _index.Search("recovery", Audience.Medarbejder, type: "Memo").Total);
    }
}
