using Microsoft.AspNetCore.OutputCaching;
using Videnscenter.Content.Items;
using Videnscenter.Theme.Display;

namespace Videnscenter.Web.Caching;

/// <summary>
/// Empties the page cache when readers' content changes: a publish, unpublish or archive changes the
/// item's page, the lists, the front page and the related links on other pages, so every page goes
/// (they are few, and rendering them again is cheap next to showing an old page). Drafts change
/// nothing readers see. Site settings are written only by the recipe at start-up, before the first
/// request, so there is nothing cached to evict then. Changes made on other nodes reach
/// <see cref="ReadersContentCaches"/> through the content change log (see Cluster/ClusterFeature).
/// </summary>
public sealed class PageCacheInvalidator(ReadersContentCaches caches) : IContentEventHandler
{
    public async Task HandleAsync(ContentEvent contentEvent, CancellationToken ct)
    {
        if (contentEvent.Kind is not (ContentEventKind.Published or ContentEventKind.Unpublished or ContentEventKind.Archived)) return;
        await caches.EvictAllAsync(ct);
    }
}

/// <summary>Every cache of what readers see: pages, their validators, search answers and the footer's contact details.</summary>
public sealed class ReadersContentCaches(IOutputCacheStore store, ContentGeneration generation, SearchAnswerCache searches, FooterContact contact)
{
    public async Task EvictAllAsync(CancellationToken ct = default)
    {
        // First the generation, so a page being rendered now is not stored (see PageCache) and old validators stop matching.
        generation.Changed();
        searches.Clear();
        contact.Forget();
        await store.EvictByTagAsync(PageCache.Tag, ct);
    }
}
