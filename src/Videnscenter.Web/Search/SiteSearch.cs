using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Search;
using Videnscenter.Web.Startup;

namespace Videnscenter.Web.Search;

/// <summary>
/// The site's search index: one SQLite FTS5 file per node under App_Data. It is opened at start-up
/// and rebuilt from the content store when it is missing, corrupt or from another analyzer version.
/// </summary>
public sealed class SiteSearch : IDisposable
{
    private readonly ILogger<SiteSearch> _log;

    public SiteSearch(SiteOptions site, ILogger<SiteSearch> log)
    {
        _log = log;
        FilePath = Path.Combine(site.DataPath, $"search-{site.NodeName}.db");
        var existed = File.Exists(FilePath);
        Index = SearchIndex.Open(FilePath);
        NeedsRebuild = !existed || Index.NeedsRebuild;
    }

    public string FilePath { get; }
    public SearchIndex Index { get; }
    public bool NeedsRebuild { get; private set; }

    /// <summary>Reindexes every published item from the content store.</summary>
    public async Task<int> RebuildAsync(ContentStore store, SchemaStore schemaStore, CancellationToken ct = default)
    {
        var schema = await schemaStore.GetAsync(ct);
        var items = await store.ListPublishedAsync(null, Content.Audience.Medarbejder, ct);
        var documents = items
            .Where(i => schema.Type(i.Type) is not null)
            .SelectMany(i => SearchDocuments.From(i, schema.Type(i.Type)!, schema))
            .ToList();
        Index.Rebuild(documents);
        NeedsRebuild = false;
        _log.LogInformation("Search index rebuilt: {Items} items, {Documents} documents", items.Count, documents.Count);
        return documents.Count;
    }

    public void Dispose() => Index.Dispose();
}

/// <summary>Keeps the index current: publishing adds or replaces an item's documents, unpublishing and archiving remove them.</summary>
public sealed class SearchIndexer(SiteSearch search, SchemaStore schemaStore) : IContentEventHandler
{
    public async Task HandleAsync(ContentEvent e, CancellationToken ct)
    {
        var prefix = SearchDocuments.Prefix(e.Item.Id);
        search.Index.DeleteByPrefix(prefix);
        if (e.Kind != ContentEventKind.Published) return;
        var schema = await schemaStore.GetAsync(ct);
        if (schema.Type(e.Item.Type) is { } type)
            search.Index.Upsert(SearchDocuments.From(e.Item, type, schema));
    }
}
