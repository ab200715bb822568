using Videnscenter.Content;
using Videnscenter.Content.Items;

namespace Videnscenter.Theme.Display;

/// <summary>
/// The footer's contact details, from the page «Kontakt» so editors keep them current. Every page
/// shows them, so they are read once and kept until readers' content changes (the site's cache
/// invalidation calls <see cref="Forget"/>), instead of one database question per page.
/// </summary>
public sealed class FooterContact
{
    private sealed record Kept(long Version, ContentItem? Page);

    private long _version;
    private Kept? _kept;

    public async Task<ContentItem?> GetAsync(ContentStore store, CancellationToken ct = default)
    {
        var version = Interlocked.Read(ref _version);
        if (Volatile.Read(ref _kept) is { } kept && kept.Version == version) return kept.Page;
        var page = await store.GetPublishedAsync(SiteNames.PageType, SiteNames.ContactSlug, Audience.Offentlig, ct);
        // Kept under the version read before the question: a change during it makes the next call ask again.
        Volatile.Write(ref _kept, new Kept(version, page));
        return page;
    }

    /// <summary>Readers' content changed (here or on another node): ask again next time.</summary>
    public void Forget() => Interlocked.Increment(ref _version);
}
