using Microsoft.AspNetCore.OutputCaching;
using Videnscenter.Content.Definitions;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Editing;

namespace Videnscenter.Web.Caching;

/// <summary>
/// Whole public pages kept in ASP.NET Core's output cache, once per URL and reader level: anonymous,
/// or signed in at an audience level (Offentlig, Frivillig, Medarbejder).
/// <para>
/// What differs between readers of one level is filled in for each answer, outside the cache
/// (<see cref="PersonalPartsFilling"/>): the header's name and log-out token, the sign-up form's
/// token. What changes without a content change, the places left on a course, is part of the key
/// (<see cref="ILivePageState"/>), so a course page is kept once per number of places.
/// </para>
/// <para>
/// Never kept: pages of editors and administrators (edit links, the participants link), a staff
/// member's view of competence profiles (the owner gets «Rediger»), anything but a 200, a response
/// that sets a cookie or says no-store/private while rendering (a receipt, an .ics file for a
/// signed-in reader), a page that showed a live part its key did not name (<see cref="Unforeseen"/>)
/// and any response whose endpoint turned caching off (<see cref="IOutputCacheFeature"/>).
/// Entries end with the current <see cref="ContentGeneration"/> time window, so what depends on the
/// clock (upcoming courses and events) is at most a minute old, and all of them are evicted by
/// <see cref="Tag"/> when content is published, unpublished or archived.
/// </para>
/// </summary>
public sealed class PageCache(ContentGeneration generation) : IOutputCachePolicy
{
    /// <summary>The tag every cached page carries; evicting it empties the page cache.</summary>
    public const string Tag = "pages";

    /// <summary>The name of the vary-by value holding the reader's level.</summary>
    public const string AudienceKey = "audience";

    /// <summary>The name of the vary-by value holding the page's live state (<see cref="ILivePageState"/>).</summary>
    public const string LiveKey = "live";

    /// <summary>The level of a reader who is not signed in.</summary>
    public const string Anonymous = "anonym";

    /// <summary>Pages whose whole output, personal parts aside, is the same for every reader of a level and URL.</summary>
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
    private const string LevelItem = "videnscenter.page-cache.level";
    private const string LiveItem = "videnscenter.page-cache.live";
    private const string UnforeseenItem = "videnscenter.page-cache.unforeseen";

    /// <summary>
    /// The level this reader's page is kept for, or null when it is rendered for them alone. Only safe
    /// methods, and no Authorization header (an API client's answer is its own).
    /// </summary>
    public static async ValueTask<string?> LevelAsync(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            || http.Request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Authorization))
            return null;
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true) return Anonymous;
        if (user.IsEditor()) return null;
        if (user.IsStaffOnly() && await IsCompetenceProfileAsync(http)) return null;
        return "logget-ind-" + user.ReaderAudience();
    }

    /// <summary>A competence profile's page, whose owner sees «Rediger» on it.</summary>
    private static async ValueTask<bool> IsCompetenceProfileAsync(HttpContext http)
    {
        if (http.GetRouteValue("section") is not string section) return false;
        var schema = await http.RequestServices.GetRequiredService<SchemaStore>().GetAsync(http.RequestAborted);
        return schema.BySection(section)?.Name == AdminAccess.ProfileType;
    }

    /// <summary>What <see cref="PageValidators"/> found before the cache is asked: the reader's level and the page's live state.</summary>
    internal static void Remember(HttpContext http, string level, string live)
    {
        http.Items[LevelItem] = level;
        http.Items[LiveItem] = live;
    }

    /// <summary>The page showed a live part whose state was not known before rendering: this answer is not kept.</summary>
    public static void Unforeseen(HttpContext http) => http.Items[UnforeseenItem] = true;

    /// <summary>See <see cref="Unforeseen"/>: the answer's validators could not name what it shows either.</summary>
    public static bool WasUnforeseen(HttpContext http) => http.Items.ContainsKey(UnforeseenItem);

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var level = http.Items[LevelItem] as string;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = level is not null;
        context.AllowCacheStorage = level is not null;
        context.AllowLocking = true;
        context.Tags.Add(Tag);
        context.CacheVaryByRules.QueryKeys = "*";
        // Compressed and plain answers are different entries (compression runs inside the cache).
        context.CacheVaryByRules.HeaderNames = Microsoft.Net.Http.Headers.HeaderNames.AcceptEncoding;
        context.CacheVaryByRules.VaryByValues[AudienceKey] = level ?? "";
        context.CacheVaryByRules.VaryByValues[LiveKey] = http.Items[LiveItem] as string ?? "";
        context.ResponseExpirationTimeSpan = generation.UntilWindowEnds();
        http.Items[GenerationItem] = generation.Current;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var response = http.Response;
        if (response.StatusCode != StatusCodes.Status200OK
            || response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.SetCookie)
            || IsPersonal(response)
            || WasUnforeseen(http)
            // Content changed while this page was rendered: it may hold the old version, and the eviction has passed.
            || http.Items[GenerationItem] is not long started || started != generation.Current)
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
