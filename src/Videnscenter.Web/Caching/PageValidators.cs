using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace Videnscenter.Web.Caching;

/// <summary>
/// Before the page cache is asked: the reader's level and the page's live state (the key of its
/// entry, see <see cref="PageCache"/>); then, for anonymous readers, ETag and Last-Modified, and 304
/// Not Modified when the reader already has the current version. The validators come from
/// <see cref="ContentGeneration"/> and the live state, known before the page is rendered, so a 304
/// costs no rendering (a course page: one count of its sign-ups). The ETag names the live state, so
/// it changes with the places left; such a page has no Last-Modified (a sign-up is not a content
/// change, and a date cannot say which count the reader saw). Cache-Control: no-cache lets a
/// browser keep the page but ask each time, so a publish shows at once; a page whose form token
/// was filled in keeps the antiforgery system's no-store. Signed-in readers get no validators
/// (their answers are private, no-store). Media files have their own (see MediaEndpoint).
/// </summary>
public sealed class PageValidators(RequestDelegate next, ContentGeneration generation, IEnumerable<ILivePageState> liveStates)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<IOutputCachePolicy>() is not PageCache || await PageCache.LevelAsync(http) is not { } level)
        {
            await next(http);
            return;
        }

        var live = "";
        foreach (var source in liveStates)
            if (await source.StateAsync(http, http.RequestAborted) is { } state)
                live += state;
        PageCache.Remember(http, level, live);
        if (level != PageCache.Anonymous)
        {
            await next(http);
            return;
        }

        var etag = generation.ETagFor(live.Length == 0 ? level : $"{level}-{live}");
        DateTimeOffset? lastModified = live.Length == 0 ? generation.LastModified() : null;
        var request = http.Request.GetTypedHeaders();
        var notModified = request.IfNoneMatch.Count > 0
            ? request.IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false))
            : lastModified is { } date && request.IfModifiedSince is { } since && since >= date;
        if (notModified)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            SetValidators(http.Response, etag, lastModified);
            http.Response.Headers.CacheControl = "no-cache";
            return;
        }

        http.Response.OnStarting(() =>
        {
            var response = http.Response;
            if (PageCache.WasUnforeseen(http)) return Task.CompletedTask;
            if (response.StatusCode == StatusCodes.Status200OK && !PageCache.IsPersonal(response))
            {
                SetValidators(response, etag, lastModified);
                response.Headers.CacheControl = "no-cache";
            }
            else if (response.StatusCode == StatusCodes.Status200OK && http.Items.ContainsKey(PersonalPartsFilling.FilledItem))
                SetValidators(response, etag, lastModified);
            return Task.CompletedTask;
        });
        await next(http);
    }

    private static void SetValidators(HttpResponse response, string etag, DateTimeOffset? lastModified)
    {
        response.Headers.ETag = etag;
        if (lastModified is { } date) response.GetTypedHeaders().LastModified = date;
    }
}
