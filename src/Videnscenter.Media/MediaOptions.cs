namespace Videnscenter.Media;

/// <summary>Where the media library keeps its files, and the limits that keep hostile or huge files from hurting the site.</summary>
public sealed class MediaOptions
{
    public const long MegaByte = 1024 * 1024;

    /// <summary>The folder holding the originals (<c>&lt;DataPath&gt;/media</c>); derived images go in its <c>thumbs</c> folder.</summary>
    public required string RootPath { get; init; }

    /// <summary>Largest file of any kind.</summary>
    public long MaxBytes { get; init; } = 20 * MegaByte;

    /// <summary>Largest image file: photos for the web rarely need more.</summary>
    public long MaxImageBytes { get; init; } = 10 * MegaByte;

    /// <summary>Images are limits on pixels, not bytes: a 0.4 MB PNG can declare 3.6 billion pixels.</summary>
    public ImageLimits Images { get; init; } = new();

    /// <summary>What reading the text of a .pptx or .pdf may produce and cost.</summary>
    public ExtractionLimits Extraction { get; init; } = new();

    public string ThumbnailPath => Path.Combine(RootPath, "thumbs");
}

/// <summary>Checked from an image's header before a pixel is decoded.</summary>
public sealed record ImageLimits
{
    /// <summary>Width × height of one frame; 40 MP is more than any camera phone makes.</summary>
    public long MaxPixels { get; init; } = 40_000_000;

    /// <summary>Frames of an animated GIF or WebP.</summary>
    public int MaxFrames { get; init; } = 100;

    /// <summary>Width × height × frames: what decoding an animation costs; the same budget as one large photo.</summary>
    public long MaxTotalPixels { get; init; } = 40_000_000;

    /// <summary>Derived images made at the same time; each holds a decoded image (up to 160 MB) in memory.</summary>
    public int MaxConcurrentResizes { get; init; } = 2;
}

/// <summary>
/// Limits on slide text (hardening, issue 14): a 141 KB .pptx once carried 19 million characters per
/// slide. Beyond any limit the file is refused with a Danish message naming it, so nothing larger is
/// ever stored, served or indexed.
/// </summary>
public sealed record ExtractionLimits
{
    public int MaxSlides { get; init; } = 300;
    public int MaxCharactersPerSlide { get; init; } = 20_000;
    public int MaxCharactersPerDeck { get; init; } = 300_000;
    public int MaxTitleLength { get; init; } = 300;

    /// <summary>Form objects a PDF page may draw (they can nest, each drawing the next many times).</summary>
    public int MaxFormObjectsPerPage { get; init; } = 5_000;

    /// <summary>How long reading one file may take before it is refused.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Files read at the same time; more wait their turn.</summary>
    public int MaxConcurrent { get; init; } = 2;
}
