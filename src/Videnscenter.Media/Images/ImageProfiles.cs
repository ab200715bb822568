using Microsoft.Extensions.Logging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.Processing;
using Videnscenter.Media.Library;

namespace Videnscenter.Media.Images;

/// <summary>The format of a derived image: the original's own, or WebP.</summary>
public enum ProfileFormat
{
    Original,
    WebP,
}

/// <summary>A derived image on disk: what to send, its content type and its entity tag.</summary>
public sealed record DerivedImage(string Path, string ContentType, string ETag);

/// <summary>
/// Media profiles, as Orchard Core has them: every image the site serves is a derived copy in one of
/// a few fixed widths (never wider than the original), in WebP or the original's format, auto-oriented
/// and stripped of EXIF (GPS), ICC, XMP and IPTC metadata. Made with ImageSharp on first request and
/// cached on disk beside the originals (<c>media/thumbs/&lt;hash&gt;-w640.webp</c>); the key is the
/// content's hash, so a replaced image gets new copies by itself. A request without a width gets
/// the full-size copy, so not even the "original" is served with its metadata.
/// </summary>
public sealed class ImageProfiles(MediaOptions options, ILogger<ImageProfiles> log) : IDisposable
{
    /// <summary>The widths we make; other requests are rounded up, so the cache cannot be filled with every width.</summary>
    public static readonly IReadOnlyList<int> Widths = [320, 640, 960, 1280, 1920];

    // Each resize holds a decoded image in memory (up to 160 MB): a few at a time, the rest wait.
    private readonly SemaphoreSlim _gate = new(options.Images.MaxConcurrentResizes, options.Images.MaxConcurrentResizes);

    public static int SnapWidth(int requested) => Widths.FirstOrDefault(w => w >= requested, Widths[^1]);

    /// <summary>
    /// The copy of an image at (about) the width asked for (null: full size) in the format asked for,
    /// made now if needed. Null when the stored file cannot be made into an image within the limits
    /// (it is logged); callers answer 404 rather than serve the unstripped original.
    /// </summary>
    public async Task<DerivedImage?> GetAsync(MediaFile file, int? width, ProfileFormat format, CancellationToken ct)
    {
        if (!file.Kind.IsImage()) return null;
        int? snapped = width is > 0 and var w ? SnapWidth(w) : null;
        var kind = format == ProfileFormat.WebP ? MediaKind.WebP : file.Kind;
        var path = Path.Combine(options.ThumbnailPath, $"{file.Sha256[..16]}-{(snapped is { } s ? $"w{s}" : "full")}{kind.Extension()}");
        var tag = $"{file.Sha256[..32]}-{(snapped?.ToString() ?? "full")}-{kind.Extension()[1..]}";
        if (TryRead(path, kind, tag) is { } cached) return cached;

        await _gate.WaitAsync(ct);
        try
        {
            if (TryRead(path, kind, tag) is { } madeMeanwhile) return madeMeanwhile;
            var original = Path.Combine(options.RootPath, file.Name);
            var content = await File.ReadAllBytesAsync(original, ct);
            var inspection = ImageInspector.Inspect(file.Name, content, options.Images);
            if (!inspection.Succeeded)
            {
                log.LogWarning("No derived image of {Name}: {Error}", file.Name, inspection.Error);
                return null;
            }
            var bytes = await Task.Run(() => Derive(content, snapped, ImageCodecs.EncoderFor(kind)), ct);
            Directory.CreateDirectory(options.ThumbnailPath);
            // Written aside and moved into place, so a reader never sees half a file.
            var temp = path + $".{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temp, bytes, ct);
            File.Move(temp, path, overwrite: true);
            return new DerivedImage(path, kind.ContentType(), tag);
        }
        catch (Exception e) when (e is ImageFormatException or InvalidMemoryOperationException or IOException)
        {
            log.LogWarning("Could not make a derived image of {Name}: {Error}", file.Name, e.Message);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The size a copy at this width would have (never upscaled), from the header alone.</summary>
    public static Size SizeAt(int originalWidth, int originalHeight, int? width) =>
        width is { } w && w < originalWidth
            ? new Size(w, Math.Max(1, (int)Math.Round(originalHeight * (double)w / originalWidth)))
            : new Size(originalWidth, originalHeight);

    /// <summary>Decode, orient, shrink (never enlarge), strip metadata, encode.</summary>
    internal static byte[] Derive(byte[] content, int? width, IImageEncoder encoder)
    {
        using var image = Image.Load(ImageCodecs.Configuration, content);
        image.Mutate(x =>
        {
            x.AutoOrient();
            if (width is { } w && w < x.GetCurrentSize().Width) x.Resize(w, 0, KnownResamplers.Lanczos3);
        });
        Strip(image.Metadata);
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.IccProfile = null;
            frame.Metadata.IptcProfile = null;
            frame.Metadata.XmpProfile = null;
        }
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return output.ToArray();
    }

    /// <summary>Everything that can say where or by whom a photo was taken goes: EXIF (GPS), XMP, IPTC, ICC, text chunks, comments.</summary>
    private static void Strip(ImageMetadata metadata)
    {
        metadata.ExifProfile = null;
        metadata.IccProfile = null;
        metadata.IptcProfile = null;
        metadata.XmpProfile = null;
        metadata.GetPngMetadata().TextData.Clear();
        metadata.GetGifMetadata().Comments.Clear();
    }

    private static DerivedImage? TryRead(string path, MediaKind kind, string tag) =>
        File.Exists(path) ? new DerivedImage(path, kind.ContentType(), tag) : null;

    /// <summary>Removes the cached copies of a content hash (when no file has that content any more).</summary>
    public void Forget(string sha256)
    {
        if (!Directory.Exists(options.ThumbnailPath)) return;
        foreach (var path in Directory.EnumerateFiles(options.ThumbnailPath, $"{sha256[..16]}-*"))
        {
            try { File.Delete(path); }
            catch (IOException) { /* served right now; it is only a cache */ }
        }
    }

    public void Dispose() => _gate.Dispose();
}
