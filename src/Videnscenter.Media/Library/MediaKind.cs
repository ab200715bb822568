namespace Videnscenter.Media.Library;

/// <summary>The file types the library accepts, recognised by their content (not their name).</summary>
public enum MediaKind
{
    Png,
    Jpeg,
    Gif,
    WebP,
    Pdf,
    Pptx,
    Docx,
}

public static class MediaKinds
{
    public static readonly IReadOnlyList<MediaKind> All = Enum.GetValues<MediaKind>();

    public static bool IsImage(this MediaKind kind) => kind is MediaKind.Png or MediaKind.Jpeg or MediaKind.Gif or MediaKind.WebP;

    /// <summary>Files whose text can be read slide by slide (or page by page) for the slide archive.</summary>
    public static bool HasSlides(this MediaKind kind) => kind is MediaKind.Pptx or MediaKind.Pdf;

    /// <summary>Images and PDF open in the browser; Office files are downloaded.</summary>
    public static bool ShowsInline(this MediaKind kind) => kind.IsImage() || kind == MediaKind.Pdf;

    public static string ContentType(this MediaKind kind) => kind switch
    {
        MediaKind.Png => "image/png",
        MediaKind.Jpeg => "image/jpeg",
        MediaKind.Gif => "image/gif",
        MediaKind.WebP => "image/webp",
        MediaKind.Pdf => "application/pdf",
        MediaKind.Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        MediaKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    };

    /// <summary>The extension a stored file of this kind gets.</summary>
    public static string Extension(this MediaKind kind) => kind switch
    {
        MediaKind.Jpeg => ".jpg",
        _ => "." + kind.ToString().ToLowerInvariant(),
    };

    /// <summary>What the kind is called in Danish, for messages and lists ("et PNG-billede").</summary>
    public static string Label(this MediaKind kind) => kind switch
    {
        MediaKind.Png => "PNG-billede",
        MediaKind.Jpeg => "JPEG-billede",
        MediaKind.Gif => "GIF-billede",
        MediaKind.WebP => "WebP-billede",
        MediaKind.Pdf => "PDF-dokument",
        MediaKind.Pptx => "PowerPoint-præsentation",
        MediaKind.Docx => "Word-dokument",
        _ => "fil",
    };

    /// <summary>The label with its Danish article: "et PNG-billede", "en PowerPoint-præsentation".</summary>
    public static string WithArticle(this MediaKind kind) => (kind == MediaKind.Pptx ? "en " : "et ") + kind.Label();

    /// <summary>The kind a file name promises by its extension, or null when the extension is not allowed.</summary>
    public static MediaKind? FromExtension(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".png" => MediaKind.Png,
        ".jpg" or ".jpeg" => MediaKind.Jpeg,
        ".gif" => MediaKind.Gif,
        ".webp" => MediaKind.WebP,
        ".pdf" => MediaKind.Pdf,
        ".pptx" => MediaKind.Pptx,
        ".docx" => MediaKind.Docx,
        _ => null,
    };

    /// <summary>For the file input's accept attribute and the help text.</summary>
    public const string AcceptedExtensions = ".png,.jpg,.jpeg,.gif,.webp,.pdf,.pptx,.docx";
}
