namespace Videnscenter.Media.Library;

/// <summary>One file in the media library: the original lives at <c>&lt;media folder&gt;/&lt;Name&gt;</c>.</summary>
public sealed class MediaFile
{
    /// <summary>The stored, unique, URL-safe name (see <see cref="MediaNames"/>); also its address: /medier/{Name}.</summary>
    public required string Name { get; set; }
    /// <summary>The name the file had when it was uploaded, offered again when it is downloaded.</summary>
    public required string OriginalName { get; set; }
    public MediaKind Kind { get; set; }
    public long Length { get; set; }
    /// <summary>SHA-256 of the content, hex: the key of cached derived images and extracted slide text.</summary>
    public required string Sha256 { get; set; }
    /// <summary>Required for images: what the image shows, for readers who cannot see it.</summary>
    public string? AltText { get; set; }
    /// <summary>Images: width and height in pixels as shown (EXIF orientation applied); null for other kinds.</summary>
    public int? Width { get; set; }
    public int? Height { get; set; }
    public required string UploadedBy { get; set; }
    public DateTime UploadedUtc { get; set; }
    /// <summary>When the content or the alt text last changed.</summary>
    public DateTime UpdatedUtc { get; set; }

    public string ContentType => Kind.ContentType();
    public string Url => $"/medier/{Name}";
}

/// <summary>Slide text read from a .pptx or .pdf, cached by the content's hash so it is read once per version of a file.</summary>
public sealed class SlideTextRecord
{
    public required string Sha256 { get; set; }
    /// <summary>The slides as JSON: [{ "number", "title", "text" }].</summary>
    public required string SlidesJson { get; set; }
    /// <summary>Why the text could not be read (Danish), when it could not.</summary>
    public string? Error { get; set; }
    public DateTime ExtractedUtc { get; set; }
}
