namespace Videnscenter.Search.Tests.Relevance;

/// <summary>
/// A <see cref="SearchIndex"/> of the seed content in a temporary folder, deleted on dispose. The index
/// path is a name inside that folder, so it works whether the engine keeps a file or a directory there.
/// </summary>
internal sealed class SeedIndex : IDisposable
{
    private readonly string _folder;

    public SeedIndex()
        : this(SeedDocuments.Load())
    {
    }

    public SeedIndex(IReadOnlyList<SearchDocument> documents)
    {
        _folder = Path.Combine(Path.GetTempPath(), "videnscenter-relevance", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        Documents = documents;
        Index = SearchIndex.Open(Path.Combine(_folder, "index"));
        Index.Rebuild(documents);
    }

    public SearchIndex Index { get; }

    public IReadOnlyList<SearchDocument> Documents { get; }

    public void Dispose()
    {
        Index.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary folder.
        }
    }
}
