using Microsoft.Extensions.Logging;
using Videnscenter.Media.Library;

namespace Videnscenter.Media.Images;

/// <summary>A thumbnail on disk and its content type.</summary>
public sealed record Thumbnail(string Path, string ContentType);

/// <summary>
/// Smaller copies of images for lists and pages, made with libvips and cached on disk beside the
/// originals (<c>media/thumbs/&lt;hash&gt;-w320.jpg</c>). The cache key is the content's hash, so a
/// replaced image gets new thumbnails by itself. Without libvips there are no thumbnails, and
/// callers serve the original.
/// </summary>
public sealed class Thumbnailer(MediaOptions options, ILogger<Thumbnailer> log)
{
    /// <summary>The widths we make; other requests are rounded up, so the cache cannot be filled with every width.</summary>
    public static readonly IReadOnlyList<int> Widths = [160, 320, 640, 960];

    // libvips uses several threads per image; two at a time is plenty on a small server.
    private readonly SemaphoreSlim _gate = new(2, 2);

    public bool Enabled => options.UseLibvips && Vips.IsAvailable;

    public static int SnapWidth(int requested) => Widths.FirstOrDefault(w => w >= requested, Widths[^1]);

    /// <summary>The thumbnail of an image at (about) the width asked for, made now if needed; null means serve the original.</summary>
    public async Task<Thumbnail?> GetAsync(MediaFile file, string originalPath, int width, CancellationToken ct)
    {
        if (!file.Kind.IsImage() || !Enabled) return null;
        width = SnapWidth(width);
        // JPEG stays JPEG; the others may be transparent, which PNG keeps.
        var (extension, suffix, contentType) = file.Kind == MediaKind.Jpeg
            ? ("jpg", ".jpg[Q=82,strip]", "image/jpeg")
            : ("png", ".png[strip]", "image/png");
        var path = Path.Combine(options.ThumbnailPath, $"{file.Sha256[..16]}-w{width}.{extension}");
        if (File.Exists(path)) return new Thumbnail(path, contentType);

        await _gate.WaitAsync(ct);
        try
        {
            if (File.Exists(path)) return new Thumbnail(path, contentType);
            var bytes = await Task.Run(() => Vips.Thumbnail(originalPath, width, suffix), ct);
            Directory.CreateDirectory(options.ThumbnailPath);
            // Written aside and moved into place, so a reader never sees half a file.
            var temp = path + $".{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temp, bytes, ct);
            File.Move(temp, path, overwrite: true);
            return new Thumbnail(path, contentType);
        }
        catch (VipsException e)
        {
            log.LogWarning("libvips could not make a {Width}px thumbnail of {Name}: {Error}", width, file.Name, e.Message);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Removes the cached thumbnails of a content hash (when no file has that content any more).</summary>
    public void Forget(string sha256)
    {
        if (!Directory.Exists(options.ThumbnailPath)) return;
        foreach (var path in Directory.EnumerateFiles(options.ThumbnailPath, $"{sha256[..16]}-w*"))
        {
            try { File.Delete(path); }
            catch (IOException) { /* served right now; it is only a cache */ }
        }
    }
}
