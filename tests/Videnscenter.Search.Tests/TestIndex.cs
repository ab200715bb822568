using Videnscenter.Search;

namespace Videnscenter.Search.Tests;

/// <summary>A search index in a temporary folder, deleted on dispose.</summary>
internal sealed class TestIndex : IDisposable
{
    public static readonly DateTime Now = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    public TestIndex()
    {
        Directory = Path.Combine(Path.GetTempPath(), "videnscenter-search-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = Path.Combine(Directory, "index");
        Index = SearchIndex.Open(FilePath);
    }

    public string Directory { get; }

    /// <summary>The index folder (generations and the "current" pointer live inside).</summary>
    public string FilePath { get; }

    public SearchIndex Index { get; private set; }

    public static SearchDocument Doc(
        string id,
        string title,
        string summary = "",
        string body = "",
        Audience audience = Audience.Offentlig,
        string type = "Article",
        string[]? departments = null,
        string[]? tags = null,
        Dictionary<string, IReadOnlyList<string>>? facets = null,
        double boost = 1.0,
        DateTime? starts = null) => new()
        {
            Id = id,
            Type = type,
            Title = title,
            Summary = summary,
            Body = body,
            Url = "/indhold/" + id,
            Audience = audience,
            Departments = departments ?? [],
            Tags = tags ?? [],
            Facets = facets ?? new Dictionary<string, IReadOnlyList<string>>(),
            Boost = boost,
            StartsUtc = starts,
            UpdatedUtc = Now,
        };

    public SearchResult Search(string query, Audience reader = Audience.Medarbejder, int page = 1, int pageSize = 10,
        string? type = null, string? department = null, Dictionary<string, string>? facets = null) =>
        Index.Search(new SearchRequest
        {
            Query = query,
            Reader = reader,
            Page = page,
            PageSize = pageSize,
            Type = type,
            Department = department,
            FacetFilters = facets,
            NowUtc = Now,
        });

    public string[] Ids(string query, Audience reader = Audience.Medarbejder) => [.. Search(query, reader).Hits.Select(h => h.Id)];

    /// <summary>Closes and opens the index again.</summary>
    public void Reopen()
    {
        Index.Dispose();
        Index = SearchIndex.Open(FilePath);
    }

    /// <summary>Closes the index (so its files can be tampered with); call <see cref="Reopen"/> after.</summary>
    public void Close() => Index.Dispose();

    public void Dispose()
    {
        Index.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }
}
