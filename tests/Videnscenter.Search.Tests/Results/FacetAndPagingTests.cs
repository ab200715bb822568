using Videnscenter.Search;

namespace Videnscenter.Search.Tests.Results;

public sealed class FacetAndPagingTests : IDisposable
{
    private readonly TestIndex _index = new();

    public FacetAndPagingTests()
    {
        var documents = new List<SearchDocument>();
        for (var i = 0; i < 25; i++)
        {
            documents.Add(TestIndex.Doc(
                $"m{i:00}",
                $"Recovery metode {i}",
                "En metode med fokus på recovery.",
                string.Join(' ', Enumerable.Repeat("recovery", 1 + (i % 5))),
                type: i % 3 == 0 ? "Course" : "Method",
                departments: i % 2 == 0 ? ["Nord"] : ["Nord", "Syd"],
                facets: new() { ["recoveryValue"] = [i % 5 == 0 ? "Håb" : "Mening"], ["semester"] = ["Forår 2025"] }));
        }

        documents.Add(TestIndex.Doc("other", "Kost", "Om kost.", "Intet andet.", type: "Article"));
        _index.Index.Upsert(documents);
    }

    public void Dispose() => _index.Dispose();

    [Fact]
    public void Facets_count_the_whole_result_set_not_the_page()
    {
        var result = _index.Search("recovery", pageSize: 5);
        Assert.Equal(25, result.Total);
        Assert.Equal(5, result.Hits.Count);
        Assert.Equal([new FacetValue("Method", 16), new FacetValue("Course", 9)], result.Facets["type"]);
        Assert.Equal([new FacetValue("Nord", 25), new FacetValue("Syd", 12)], result.Facets["department"]);
        Assert.Equal([new FacetValue("Mening", 20), new FacetValue("Håb", 5)], result.Facets["recoveryValue"]);
        Assert.Equal([new FacetValue("Forår 2025", 25)], result.Facets["semester"]);
        Assert.Equal([new FacetValue("Offentlig", 25)], result.Facets["audience"]);
    }

    [Fact]
    public void Pages_partition_the_ranked_hits()
    {
        var seen = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            var result = _index.Search("recovery", page: page, pageSize: 7);
            Assert.Equal(25, result.Total);
            Assert.Equal(page, result.Page);
            Assert.Equal(7, result.PageSize);
            Assert.Equal(page < 4 ? 7 : 4, result.Hits.Count);
            seen.AddRange(result.Hits.Select(h => h.Id));
        }

        Assert.Equal(25, seen.Distinct().Count());
        Assert.Equal(_index.Search("recovery", pageSize: 25).Hits.Select(h => h.Id), seen);
        Assert.Empty(_index.Search("recovery", page: 5, pageSize: 7).Hits);
    }

    [Fact]
    public void Filters_narrow_hits_total_and_facets()
    {
        var courses = _index.Search("recovery", type: "Course");
        Assert.Equal(9, courses.Total);
        Assert.All(courses.Hits, h => Assert.Equal("Course", h.Type));
        Assert.Equal([new FacetValue("Course", 9)], courses.Facets["type"]);

        Assert.Equal(12, _index.Search("recovery", department: "Syd").Total);
        Assert.Equal(5, _index.Search("recovery", facets: new() { ["recoveryValue"] = "Håb" }).Total);
        Assert.Equal(2, _index.Search("recovery", type: "Course", facets: new() { ["recoveryValue"] = "Håb" }).Total);
        Assert.Equal(0, _index.Search("recovery", department: "Findes ikke").Total);
        Assert.Equal(0, _index.Search("recovery", facets: new() { ["ukendt"] = "x" }).Total);
    }

    [Fact]
    public void Facets_add_up_over_segments_that_hold_different_values()
    {
        // One upsert per document: each is searchable at once and so lands in a segment of its own,
        // where the values' ordinals differ from the index-wide ones; a deleted document counts nowhere.
        using var index = new TestIndex();
        index.Index.Upsert(TestIndex.Doc("a", "Recovery a", type: "Method", departments: ["Syd"]));
        index.Index.Upsert(TestIndex.Doc("b", "Recovery b", type: "Course", departments: ["Nord"]));
        index.Index.Upsert(TestIndex.Doc("c", "Recovery c", type: "Article", departments: ["Nord", "Øst"]));
        index.Index.Upsert(TestIndex.Doc("d", "Recovery d", type: "Course", departments: ["Syd"]));
        index.Index.Delete("a");

        var result = index.Search("recovery");
        Assert.Equal(3, result.Total);
        Assert.Equal([new FacetValue("Course", 2), new FacetValue("Article", 1)], result.Facets["type"]);
        Assert.Equal([new FacetValue("Nord", 2), new FacetValue("Syd", 1), new FacetValue("Øst", 1)], result.Facets["department"]);
    }
}
