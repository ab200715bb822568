using Microsoft.Net.Http.Headers;
using Videnscenter.Media.Images;
using Videnscenter.Media.Library;

namespace Videnscenter.Web.Media;

/// <summary>
/// <c>GET /medier/{name}</c> serves a library file, and <c>?w=320</c> a thumbnail of an image (the
/// original when libvips is missing). A file the reader may not see answers 404 (see
/// <see cref="MediaAccess"/>). The content type is the one found when the file was checked, never
/// guessed by the browser (nosniff); images and PDF open in the browser, Office files download.
/// </summary>
public static class MediaEndpoint
{
    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        app.MapGet("/medier/{name}", ServeAsync);
        return app;
    }

    private static async Task<IResult> ServeAsync(string name, int? w, HttpContext http,
        MediaLibrary library, MediaAccess access, Thumbnailer thumbnails, ILoggerFactory logs, CancellationToken ct)
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
        if (w is > 0 and var width && file.Kind.IsImage()
            && await thumbnails.GetAsync(file, path, width, ct) is { } thumbnail)
        {
            servedPath = thumbnail.Path;
            contentType = thumbnail.ContentType;
            tag = $"{file.Sha256}-w{Thumbnailer.SnapWidth(width)}";
        }

        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        var disposition = new ContentDispositionHeaderValue(file.Kind.ShowsInline() ? "inline" : "attachment");
        // filename (ASCII fallback) and filename* (UTF-8, RFC 5987), so "Årsmøde.pdf" keeps its letters.
        disposition.SetHttpFileName(DownloadName(file));
        headers.ContentDisposition = disposition.ToString();
        // Access depends on the reader and on content that can change: no shared caches, always revalidate.
        headers.CacheControl = "private, no-cache";
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
