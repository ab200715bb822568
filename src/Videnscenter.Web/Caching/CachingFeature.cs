using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Videnscenter.Theme.Display;

namespace Videnscenter.Web.Caching;

/// <summary>
/// Pages served cheaply without changing what anyone sees: pages from the output cache per reader
/// level (<see cref="PageCache"/>) with each reader's own parts filled in (<see cref="PersonalPartsFilling"/>),
/// ETag/Last-Modified with 304 (<see cref="PageValidators"/>), Brotli and
/// gzip for text (<see cref="SafeCompression"/>), recent search answers (<see cref="SearchAnswerCache"/>),
/// all emptied on publish, unpublish and archive, here or on another node (<see cref="ReadersContentCaches"/>).
/// Fingerprinted theme files need nothing here: MapStaticAssets serves them with a year's
/// immutable caching and their precompressed copies.
/// </summary>
public static class CachingFeature
{
    public static IServiceCollection AddCaching(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ContentGeneration>();
        services.AddSingleton<PageCache>();
        services.AddSingleton<SearchAnswerCache>();
        services.AddSingleton<FooterContact>();
        services.AddSingleton<ReadersContentCaches>();
        // 32 MB of pages (a page is 10-40 KB; the whole public site per encoding fits many times over).
        services.AddOutputCache(o => o.SizeLimit = 32 * 1024 * 1024);
        services.AddOptions<RazorPagesOptions>().Configure<PageCache>((o, policy) =>
        {
            foreach (var page in PageCache.Pages)
                o.Conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(policy));
        });

        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = SafeCompression.MimeTypes;
        });
        services.AddSingleton<IResponseCompressionProvider, SafeCompression>();
        return services;
    }

    /// <summary>
    /// After authentication (the cache key needs the reader's level). Compression twice: inside the
    /// cache, so whole pages are stored compressed; and outside the filling of personal parts, for
    /// pages kept with markers (stored plain, filled, then compressed for each answer). The outer one
    /// leaves alone what the inner one compressed (it has a Content-Encoding).
    /// </summary>
    public static WebApplication UseCaching(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UseMiddleware<PersonalPartsFilling>();
        app.UseMiddleware<PageValidators>();
        app.UseOutputCache();
        app.UseResponseCompression();
        return app;
    }
}
