using Microsoft.AspNetCore.OutputCaching;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Caching;

/// <summary>
/// Whole public pages kept in ASP.NET Core's output cache, for anonymous readers only.
/// <para>
/// Why not signed-in readers, per audience level: the theme's header holds the reader's own name
/// and a log-out form with their antiforgery token, so a page rendered for one colleague would hand
/// their name and token to the next. Until that part moves out of the page, staff and volunteers get
/// every page rendered for them. The cache key still carries the reader's audience level, so an entry
/// can only ever be found by a reader of the level it was rendered for.
/// </para>
/// <para>
/// Never stored: anything but a 200, a response that sets a cookie or says no-store/private (the
/// antiforgery system says no-store on every page that carries a form token, such as a course page
/// with its sign-up form), and any response whose endpoint turned caching off
/// (<see cref="IOutputCacheFeature"/>, as the course page's live places do).
/// Entries end with the current <see cref="ContentGeneration"/> time window, so what depends on the
/// clock (upcoming courses and events) is at most a minute old, and all of them are evicted by
/// <see cref="Tag"/> when content is published, unpublished or archived.
/// </para>
/// </summary>
public sealed class PageCache(ContentGeneration generation) : IOutputCachePolicy
{
    /// <summary>The tag every cached page carries; evicting it empties the page cache.</summary>
    public const string Tag = "pages";

    /// <summary>The name of the vary-by value holding the reader's audience level.</summary>
    public const string AudienceKey = "audience";

    /// <summary>Pages whose whole output is the same for every anonymous reader of a URL.</summary>
    public static readonly string[] Pages =
    [
        "/Home/Index",
        "/Methods/Index",
        "/Partners/Index",
        "/Events/Index",
        "/Events/Feed",
        "/Events/Event",
        "/Sections/List",
        "/Sections/Detail",
    ];

    private const string GenerationItem = "videnscenter.page-cache.generation";

    /// <summary>Only safe methods from readers who are not signed in (no cookie identity, no Authorization header).</summary>
    public static bool Applies(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        && http.User.Identity?.IsAuthenticated != true
        && !http.Request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Authorization);

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var applies = Applies(http);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = applies;
        context.AllowCacheStorage = applies;
        context.AllowLocking = true;
        context.Tags.Add(Tag);
        context.CacheVaryByRules.QueryKeys = "*";
        // Compressed and plain answers are different entries (compression runs inside the cache).
        context.CacheVaryByRules.HeaderNames = Microsoft.Net.Http.Headers.HeaderNames.AcceptEncoding;
        context.CacheVaryByRules.VaryByValues[AudienceKey] = http.User.ReaderAudience().ToString();
        context.ResponseExpirationTimeSpan = generation.UntilWindowEnds();
        http.Items[GenerationItem] = generation.Current;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK
            || response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.SetCookie)
            || IsPersonal(response)
            // Content changed while this page was rendered: it may hold the old version, and the eviction has passed.
            || context.HttpContext.Items[GenerationItem] is not long started || started != generation.Current)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>No-store or private: the response is for this reader only.</summary>
    public static bool IsPersonal(HttpResponse response) =>
        CarriesSecret(response) || response.Headers.CacheControl.ToString().Contains("private", StringComparison.OrdinalIgnoreCase);

    /// <summary>No-store: what the antiforgery system says of every answer holding a form token.</summary>
    public static bool CarriesSecret(HttpResponse response) =>
        response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase);
}
