using Microsoft.AspNetCore.OutputCaching;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Caching;

/// <summary>
/// Empties the page cache when readers' content changes: a publish, unpublish or archive changes the
/// item's page, the lists, the front page and the related links on other pages, so every page goes
/// (they are few, and rendering them again is cheap next to showing an old page). Drafts change
/// nothing readers see. Site settings are written only by the recipe at start-up, before the first
/// request, so there is nothing cached to evict then.
/// </summary>
public sealed class PageCacheInvalidator(IOutputCacheStore store, ContentGeneration generation, SearchAnswerCache searches) : IContentEventHandler
{
    public async Task HandleAsync(ContentEvent contentEvent, CancellationToken ct)
    {
        if (contentEvent.Kind is not (ContentEventKind.Published or ContentEventKind.Unpublished or ContentEventKind.Archived)) return;
        await EvictAllAsync(store, generation, searches, ct);
    }

    /// <summary>What any change readers can see needs, on this node or (through the change log) another.</summary>
    public static async Task EvictAllAsync(IOutputCacheStore store, ContentGeneration generation, SearchAnswerCache searches, CancellationToken ct)
    {
        // First the generation, so a page being rendered now is not stored (see PageCache) and old validators stop matching.
        generation.Changed();
        searches.Clear();
        await store.EvictByTagAsync(PageCache.Tag, ct);
    }
}
