using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Caching;

/// <summary>
/// ETag and Last-Modified on the cached public pages, and 304 Not Modified when the reader already
/// has the current version. The validators come from <see cref="ContentGeneration"/>, known before
/// the page is rendered, so a 304 costs no rendering and no database question. Cache-Control:
/// no-cache lets a browser keep the page but ask each time, so a publish shows at once.
/// A response that turns out personal (no-store, e.g. a form with a token) gets no validators.
/// Media files have their own (the file's hash and upload time, see MediaEndpoint).
/// </summary>
public sealed class PageValidators(RequestDelegate next, ContentGeneration generation)
{
    public Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<IOutputCachePolicy>() is not PageCache || !PageCache.Applies(http))
            return next(http);

        var etag = generation.ETagFor(http.User.ReaderAudience().ToString());
        var lastModified = generation.LastModified();
        var request = http.Request.GetTypedHeaders();
        var notModified = request.IfNoneMatch.Count > 0
            ? request.IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false))
            : request.IfModifiedSince is { } since && since >= lastModified;
        if (notModified)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            SetValidators(http.Response, etag, lastModified);
            return Task.CompletedTask;
        }

        http.Response.OnStarting(() =>
        {
            if (http.Response.StatusCode == StatusCodes.Status200OK && !PageCache.IsPersonal(http.Response))
                SetValidators(http.Response, etag, lastModified);
            return Task.CompletedTask;
        });
        return next(http);
    }

    private static void SetValidators(HttpResponse response, string etag, DateTimeOffset lastModified)
    {
        var headers = response.GetTypedHeaders();
        response.Headers.ETag = etag;
        headers.LastModified = lastModified;
        response.Headers.CacheControl = "no-cache";
    }
}
