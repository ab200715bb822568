using Videnscenter.Search;

namespace Videnscenter.Search.Tests.Querying;

/// <summary>Colleagues are found by the methods and skills in their competence profiles.</summary>
public sealed class PeopleTests : IDisposable
{
    private readonly TestIndex _index = new();

    public void Dispose() => _index.Dispose();

    [Fact]
    public void Staff_find_colleagues_by_their_skills_and_teachers_rank_first()
    {
        _index.Index.Upsert(
        [
            TestIndex.Doc("anna", "Anna Holm", "Underviser på Recoveryskolen.", "Metoder: Motiverende interview, Åben dialog.",
                Audience.Medarbejder, type: "Profile", tags: ["Motiverende interview", "Åben dialog"], boost: 2.0), // the host boosts teachers
            TestIndex.Doc("bo", "Bo Lund", "Peer-medarbejder.", "Metoder: Motiverende interview.", Audience.Medarbejder, type: "Profile", tags: ["Motiverende interview"]),
            TestIndex.Doc("cai", "Cai Berg", "Socialrådgiver.", "Metoder: Recovery-mentor.", Audience.Medarbejder, type: "Profile", tags: ["Recovery-mentor"]),
            TestIndex.Doc("mi", "Motiverende interview", "En samtalemetode.", "Motiverende interview er en metode til samtaler om forandring.", type: "Method"),
        ]);

        var result = _index.Search("motiverende interview", Audience.Medarbejder, type: "Profile");
        Assert.Equal(["anna", "bo"], result.Hits.Select(h => h.Id));
        Assert.Equal(3, _index.Search("motiverende interview", Audience.Medarbejder).Total);

        // A reader who is not signed in sees the method, never the people.
        Assert.Equal(["mi"], _index.Ids("motiverende interview", Audience.Offentlig));
    }

    [Fact]
    public void Keywords_are_searchable_but_neither_shown_nor_counted_as_facets()
    {
        _index.Index.Upsert(
        [
            TestIndex.Doc("dorthe", "Dorthe Hvid", "Underviser i stemmehøring.", "Dorthe holder kurser om at høre stemmer.", Audience.Medarbejder, type: "Profile") with
            {
                Keywords = ["Peer-medarbejder"],
            },
            TestIndex.Doc("erik", "Erik Hvid", "Underviser i stemmehøring.", "Erik holder kurser om at høre stemmer.", Audience.Medarbejder, type: "Profile"),
        ]);

        Assert.Equal(["dorthe"], _index.Ids("peer-medarbejder"));
        var result = _index.Search("hvid peer");
        Assert.Equal(["dorthe"], result.Hits.Select(h => h.Id));
        Assert.DoesNotContain("Peer", result.Hits[0].SnippetHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(result.Facets.Values.SelectMany(v => v), v => v.Value.Contains("Peer", StringComparison.OrdinalIgnoreCase));
    }
}
