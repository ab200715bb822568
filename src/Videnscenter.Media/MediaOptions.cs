namespace Videnscenter.Media;

/// <summary>Where the media library keeps its files and how large uploads may be.</summary>
public sealed class MediaOptions
{
    public const long MegaByte = 1024 * 1024;

    /// <summary>The folder holding the originals (<c>&lt;DataPath&gt;/media</c>); thumbnails go in its <c>thumbs</c> folder.</summary>
    public required string RootPath { get; init; }

    /// <summary>Largest file of any kind.</summary>
    public long MaxBytes { get; init; } = 20 * MegaByte;

    /// <summary>Largest image: photos for the web rarely need more, and libvips decodes them whole.</summary>
    public long MaxImageBytes { get; init; } = 10 * MegaByte;

    /// <summary>poppler's pdftotext; a name is looked up on PATH.</summary>
    public string PdfToTextPath { get; init; } = "pdftotext";

    /// <summary>How long one PDF may take to read before pdftotext is stopped.</summary>
    public TimeSpan PdfToTextTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>False turns libvips off (thumbnails then serve the original), e.g. to test that fallback.</summary>
    public bool UseLibvips { get; init; } = true;

    public string ThumbnailPath => Path.Combine(RootPath, "thumbs");
}
