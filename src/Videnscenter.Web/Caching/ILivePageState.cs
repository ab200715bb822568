namespace Videnscenter.Web.Caching;

/// <summary>
/// Something a cached page shows that changes without a content change, such as the places left on
/// a course. The page cache keeps such a page once per state (and its ETag names the state), so the
/// state is asked for before the cache is: it must be cheap, and right on every node.
/// </summary>
public interface ILivePageState
{
    /// <summary>What the page at this request's URL shows now; null when it shows nothing of this kind (or that is not known yet).</summary>
    ValueTask<string?> StateAsync(HttpContext http, CancellationToken ct);

    /// <summary>Content changed: forget what was learnt about which page shows what.</summary>
    void Forget();
}
