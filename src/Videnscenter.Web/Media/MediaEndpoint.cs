using Microsoft.Net.Http.Headers;
using Videnscenter.Media.Images;
using Videnscenter.Media.Library;

namespace Videnscenter.Web.Media;

/// <summary>
/// <c>GET /medier/{name}</c> serves a library file. Images are always served as a media-profile
/// copy (<see cref="ImageProfiles"/>: auto-oriented, without EXIF/GPS and other metadata): full size,
/// or <c>?w=320</c> for the next profile width; WebP when the browser says it takes WebP (Vary:
/// Accept). A URL carrying the content's version (<c>&amp;v=</c>, see <see cref="MediaUrls"/>) may be
/// cached for a year, since new content gets a new URL. A file the reader may not see answers 404
/// (see <see cref="MediaAccess"/>). The content type is the one found when the file was checked,
/// never guessed by the browser (nosniff); images and PDF open in the browser, Office files download.
/// </summary>
public static class MediaEndpoint
{
    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        app.MapGet("/medier/{name}", ServeAsync);
        return app;
    }

    private static async Task<IResult> ServeAsync(string name, int? w, string? v, HttpContext http,
        MediaLibrary library, MediaAccess access, ImageProfiles profiles, ILoggerFactory logs, CancellationToken ct)
    {
        // FindAsync refuses names the library could not have made before touching the database.
        var file = await library.FindAsync(name, ct);
        if (file is null || !await access.CanReadAsync(http.User, file.Name, ct)) return Results.NotFound();
        var path = library.PathOf(file);
        if (!File.Exists(path))
        {
            logs.CreateLogger(typeof(MediaEndpoint)).LogError("Media file {Name} has a row but no file at {Path}", file.Name, path);
            return Results.NotFound();
        }

        var servedPath = path;
        var contentType = file.ContentType;
        var tag = file.Sha256;
        var headers = http.Response.Headers;
        if (file.Kind.IsImage())
        {
            var webp = http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("image/webp", StringComparison.OrdinalIgnoreCase));
            headers.Vary = "Accept";
            // No copy (a stored image over today's limits): 404 rather than the original with its metadata.
            if (await profiles.GetAsync(file, w is > 0 ? w : null, webp ? ProfileFormat.WebP : ProfileFormat.Original, ct) is not { } copy)
                return Results.NotFound();
            servedPath = copy.Path;
            contentType = copy.ContentType;
            tag = copy.ETag;
        }

        headers.XContentTypeOptions = "nosniff";
        var disposition = new ContentDispositionHeaderValue(file.Kind.ShowsInline() ? "inline" : "attachment");
        // filename (ASCII fallback) and filename* (UTF-8, RFC 5987), so "Årsmøde.pdf" keeps its letters.
        disposition.SetHttpFileName(DownloadName(file));
        headers.ContentDisposition = disposition.ToString();
        // Access depends on the reader: never in shared caches. A versioned URL is immutable (new content,
        // new URL); an unversioned one may point at new content tomorrow, so it is always revalidated.
        headers.CacheControl = MediaUrls.IsCurrentVersion(file, v) ? "private, max-age=31536000, immutable" : "private, no-cache";
        return TypedResults.PhysicalFile(servedPath, contentType,
            lastModified: file.UpdatedUtc, entityTag: new EntityTagHeaderValue($"\"{tag}\""), enableRangeProcessing: true);
    }

    /// <summary>The uploader's own name for the file, with the extension of what it really is.</summary>
    private static string DownloadName(MediaFile file)
    {
        var stem = Path.GetFileNameWithoutExtension(file.OriginalName);
        return (string.IsNullOrWhiteSpace(stem) ? Path.GetFileNameWithoutExtension(file.Name) : stem) + file.Kind.Extension();
    }
}
