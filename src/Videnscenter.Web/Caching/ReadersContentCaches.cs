using Microsoft.AspNetCore.OutputCaching;
using Videnscenter.Theme.Display;

namespace Videnscenter.Web.Caching;

/// <summary>
/// Every cache of what readers see: pages, their validators, search answers and the footer's contact
/// details. Emptied whenever the content change log has been applied to this node's index (see
/// Cluster/ClusterFeature): a publish, unpublish or archive here (applied before the request returns)
/// or on another node. A change alters the item's page, the lists, the front page and the related
/// links on other pages, so everything goes (pages are few, and rendering them again is cheap next to
/// showing an old one). Drafts change nothing readers see, and site settings are written only by the
/// recipe at start-up, before the first request. Sign-ups are not content changes: a course page's
/// places are part of its cache key (<see cref="ILivePageState"/>), counted on every request.
/// </summary>
public sealed class ReadersContentCaches(IOutputCacheStore store, ContentGeneration generation, SearchAnswerCache searches, FooterContact contact,
    IEnumerable<ILivePageState> liveStates)
{
    public async Task EvictAllAsync(CancellationToken ct = default)
    {
        // First the generation, so a page being rendered now is not stored (see PageCache) and old validators stop matching.
        generation.Changed();
        searches.Clear();
        contact.Forget();
        foreach (var live in liveStates) live.Forget();
        await store.EvictByTagAsync(PageCache.Tag, ct);
    }
}
