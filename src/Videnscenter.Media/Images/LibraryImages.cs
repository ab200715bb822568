using System.Collections.Concurrent;
using Videnscenter.Content.Markdown;
using Videnscenter.Media.Library;

namespace Videnscenter.Media.Images;

/// <summary>
/// Images from the media library wherever a page shows one (Markdown bodies, profile photos): the
/// responsive <c>img</c> of <see cref="MediaUrls.ImgTag"/>, with the file's size and alt text. Pages
/// render synchronously, so the library rows they need are kept here for a short while (and
/// dropped at once when this node changes a file); another node's change shows within that while.
/// </summary>
public sealed class LibraryImages : IMarkdownImageRenderer
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 10_000;

    private readonly MediaLibrary _library;
    private readonly ConcurrentDictionary<string, (MediaFile? File, DateTime Until)> _rows = new(StringComparer.Ordinal);

    public LibraryImages(MediaLibrary library)
    {
        _library = library;
        library.Changed += name => _rows.TryRemove(name, out _);
    }

    /// <summary>The library file a reference names (<c>plakat.png</c> or <c>/medier/plakat.png</c>), or null.</summary>
    public MediaFile? Find(string? reference)
    {
        if (MediaNames.FromReference(reference) is not { } name) return null;
        var now = DateTime.UtcNow;
        if (_rows.TryGetValue(name, out var row) && row.Until > now) return row.File;
        // No synchronisation context in ASP.NET Core: waiting here blocks only this request's thread.
        var file = _library.FindAsync(name).GetAwaiter().GetResult();
        if (_rows.Count >= MaxEntries) _rows.Clear();
        _rows[name] = (file, now + Lifetime);
        return file;
    }

    /// <summary>The responsive <c>img</c> for a library image; null for anything else (left to the default).</summary>
    public string? Render(string url, string alt, string? title)
    {
        if (!url.StartsWith("/medier/", StringComparison.Ordinal)) return null;
        var file = Find(url);
        if (file is null || !file.Kind.IsImage()) return null;
        return MediaUrls.ImgTag(file, alt: alt.Length > 0 ? alt : file.AltText, title: title);
    }
}
