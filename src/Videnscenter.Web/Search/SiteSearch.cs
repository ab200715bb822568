using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Media.Slides;
using Videnscenter.Search;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Search;

/// <summary>
/// The site's search index: one Lucene.Net index directory per node, App_Data/search/&lt;node&gt;/
/// (Videnscenter:NodeName). It is opened at start-up and rebuilt from the content store when it is
/// missing, damaged or from another analyzer version; a rebuild is built beside the live index and
/// swapped in, so searching keeps answering meanwhile. Editors' synonyms are applied at query time.
/// </summary>
public sealed class SiteSearch : IDisposable
{
    private readonly ILogger<SiteSearch> _log;
    private readonly DeckSlides _decks;

    public SiteSearch(SiteOptions site, ILogger<SiteSearch> log, DeckSlides decks)
    {
        _log = log;
        _decks = decks;
        FilePath = Path.Combine(site.DataPath, "search", SafeName(site.NodeName));
        DeleteFormerIndexFiles(site);
        Index = SearchIndex.Open(FilePath);
        NeedsRebuild = Index.NeedsRebuild;
        if (Index.OpenProblem is { } problem && NeedsRebuild)
            _log.LogWarning("Search index at {Path} must be rebuilt: {Problem}", FilePath, problem);
    }

    /// <summary>The index directory of this node.</summary>
    public string FilePath { get; }
    public SearchIndex Index { get; }
    public bool NeedsRebuild { get; private set; }

    /// <summary>Reindexes every published item from the content store.</summary>
    public async Task<int> RebuildAsync(ContentStore store, SchemaStore schemaStore, CancellationToken ct = default)
    {
        var schema = await schemaStore.GetAsync(ct);
        var items = await store.ListPublishedAsync(null, Content.Audience.Medarbejder, ct);
        var byId = items.ToDictionary(i => i.Id);
        var documents = new List<SearchDocument>();
        foreach (var item in items)
            if (schema.Type(item.Type) is { } type)
                documents.AddRange(SearchDocuments.From(item, type, schema, await FileSlidesAsync(item, ct), byId));
        Index.Rebuild(documents);
        NeedsRebuild = false;
        _log.LogInformation("Search index rebuilt: {Items} items, {Documents} documents", items.Count, documents.Count);
        return documents.Count;
    }

    private int _rebuilding;

    /// <summary>
    /// When the index found damage while running (it then answers empty rather than failing),
    /// rebuilds it in the background from the content store; searching goes on meanwhile.
    /// </summary>
    public void RebuildInBackgroundWhenNeeded(IServiceScopeFactory scopes)
    {
        if (!Index.NeedsRebuild || Interlocked.Exchange(ref _rebuilding, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RebuildAsync(scope.ServiceProvider.GetRequiredService<ContentStore>(), scope.ServiceProvider.GetRequiredService<SchemaStore>());
            }
            catch (Exception exception)
            {
                _log.LogError(exception, "Search index rebuild after damage failed");
            }
            finally
            {
                Interlocked.Exchange(ref _rebuilding, 0);
            }
        });
    }

    /// <summary>A slide deck's slides from its file (read once per file content and cached by the media library).</summary>
    public async Task<IReadOnlyList<SlideText>?> FileSlidesAsync(ContentItem item, CancellationToken ct) =>
        item.Type == Videnscenter.Web.Slides.SlidesFeature.TypeName ? (await _decks.ForAsync(item, ct)).Slides : null;

    /// <summary>An item's documents, with the published items it refers to resolved (see <see cref="SearchDocuments.From"/>).</summary>
    public async Task<IEnumerable<SearchDocument>> DocumentsAsync(ContentItem item, ContentTypeDefinition type, ContentSchema schema,
        ContentStore store, CancellationToken ct)
    {
        var ids = type.Fields.Where(f => f.Kind == FieldKind.Reference).SelectMany(f => item.References(f.Name)).Select(r => r.Id);
        var referenced = (await store.GetPublishedAsync(ids, Content.Audience.Medarbejder, ct)).ToDictionary(i => i.Id);
        return SearchDocuments.From(item, type, schema, await FileSlidesAsync(item, ct), referenced);
    }

    public void Dispose() => Index.Dispose();

    /// <summary>A node name as one folder name (no separators or dots).</summary>
    private static string SafeName(string node)
    {
        var name = new string([.. node.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-')]).Trim('-');
        return name.Length == 0 ? "node" : name;
    }

    /// <summary>The former engine kept one SQLite file per node ("search-&lt;node&gt;.db" and its -wal/-shm).</summary>
    private static void DeleteFormerIndexFiles(SiteOptions site)
    {
        if (!Directory.Exists(site.DataPath)) return;
        foreach (var file in Directory.EnumerateFiles(site.DataPath, $"search-{site.NodeName}.db*"))
        {
            try { File.Delete(file); }
            catch (IOException) { /* in use by an old process: harmless, it is no longer read */ }
        }
    }
}
