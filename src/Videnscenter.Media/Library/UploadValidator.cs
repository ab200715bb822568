using System.Buffers.Binary;
using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using Videnscenter.Content;
using Videnscenter.Media.Images;

namespace Videnscenter.Media.Library;

/// <summary>The outcome of checking an upload: the kind of file it really is, or why it is refused.</summary>
/// <param name="Image">For images: what their header says (size, frames), read without decoding.</param>
public sealed record UploadCheck(MediaKind? Kind, string? Error, ImageFacts? Image = null)
{
    public bool Succeeded => Error is null && Kind is not null;
    public static UploadCheck Refused(string error) => new(null, error);
}

/// <summary>
/// Checks an upload by its size and by its content (magic bytes, and for Office files the package's
/// <c>[Content_Types].xml</c>), before anything is stored. The name only says which kind the
/// uploader meant; the content must be that kind, and whole.
/// </summary>
public static class UploadValidator
{
    private const string PptxMain = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml";
    private const string DocxMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private const int MaxContentTypesBytes = 1024 * 1024;

    public const string AllowedTypesText = "Du kan uploade billeder (PNG, JPEG, GIF, WebP), PDF, PowerPoint (.pptx) og Word (.docx).";

    /// <summary>The checks that need only the name and the declared size: run them before reading the upload.</summary>
    public static string? CheckNameAndSize(string fileName, long length, MediaOptions options)
    {
        var shown = DisplayName(fileName);
        if (shown.Length == 0) return "Vælg en fil at uploade.";
        if (MediaKinds.FromExtension(shown) is not { } promised)
            return $"«{shown}» er ikke en tilladt filtype. {AllowedTypesText}";
        if (length <= 0) return $"«{shown}» er tom (0 byte). Vælg en anden fil.";
        var limit = promised.IsImage() ? options.MaxImageBytes : options.MaxBytes;
        if (length > limit)
            return $"«{shown}» fylder {Size(length)}. {(promised.IsImage() ? "Billeder" : "Filer")} må højst fylde {Size(limit)}.";
        return null;
    }

    /// <summary>Checks name, size and content. <paramref name="content"/> is the whole file.</summary>
    public static UploadCheck Check(string fileName, byte[] content, MediaOptions options)
    {
        if (CheckNameAndSize(fileName, content.LongLength, options) is { } problem) return UploadCheck.Refused(problem);
        var shown = DisplayName(fileName);
        var promised = MediaKinds.FromExtension(shown)!.Value;

        var sniffed = Sniff(content);
        if (sniffed.Kind is not { } actual)
            return UploadCheck.Refused(sniffed.Problem is { } p
                ? $"«{shown}» {p}"
                : $"«{shown}» er ikke {promised.WithArticle()}, selv om navnet slutter på {Path.GetExtension(shown).ToLowerInvariant()}. Filer kontrolleres efter indholdet, ikke kun navnet. {AllowedTypesText}");
        if (actual != promised)
            return UploadCheck.Refused(
                $"«{shown}» hedder {Path.GetExtension(shown).ToLowerInvariant()}, men indholdet er {actual.WithArticle()}. Giv filen den rigtige endelse ({actual.Extension()}), og prøv igen.");
        if (sniffed.Truncated)
            return UploadCheck.Refused(
                $"«{shown}» er ufuldstændig eller beskadiget: filen slutter for tidligt. Gem eller eksportér filen igen, og prøv igen.");
        if (!actual.IsImage()) return new UploadCheck(actual, null);
        // Images are decoded to make their derived copies, so the per-kind limit holds even for content named otherwise.
        if (content.LongLength > options.MaxImageBytes)
            return UploadCheck.Refused($"«{shown}» fylder {Size(content.LongLength)}. Billeder må højst fylde {Size(options.MaxImageBytes)}.");
        // The pixel and frame limits are read from the header, before a pixel is decoded.
        var inspection = ImageInspector.Inspect(shown, content, options.Images);
        return inspection.Succeeded ? new UploadCheck(actual, null, inspection.Facts) : UploadCheck.Refused(inspection.Error!);
    }

    /// <summary>The file name as the uploader knows it, without any folder a browser may send along.</summary>
    public static string DisplayName(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Trim();
        name = new string(name.Where(c => !char.IsControl(c)).ToArray());
        return name.Length > 120 ? name[..100] + "…" + name[^15..] : name;
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} byte",
        < MediaOptions.MegaByte => $"{Math.Ceiling(bytes / 1024.0).ToString("0", Danish.Culture)} kB",
        _ => $"{(bytes / (double)MediaOptions.MegaByte).ToString("0.#", Danish.Culture)} MB",
    };

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegStart = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] JpegEnd = [0xFF, 0xD9];
    private static readonly byte[] ZipLocalHeader = [0x50, 0x4B, 0x03, 0x04];

    private sealed record Sniffed(MediaKind? Kind, bool Truncated = false, string? Problem = null);

    /// <summary>What the bytes are, whether they end where that format must end, and what is wrong with an Office package.</summary>
    private static Sniffed Sniff(byte[] b)
    {
        ReadOnlySpan<byte> data = b;
        if (data.StartsWith(PngSignature))
        {
            var header = data.Length >= 16 && data.Slice(12, 4).SequenceEqual("IHDR"u8);
            return new Sniffed(MediaKind.Png, Truncated: !header || Tail(data, 64).IndexOf("IEND"u8) < 0);
        }
        if (data.StartsWith(JpegStart))
            return new Sniffed(MediaKind.Jpeg, Truncated: Tail(data, 64).IndexOf(JpegEnd) < 0);
        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
            return new Sniffed(MediaKind.Gif, Truncated: data.Length < 14 || Tail(data, 16).IndexOf((byte)0x3B) < 0);
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            var declared = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(4, 4)) + 8L;
            return new Sniffed(MediaKind.WebP, Truncated: data.Length < 20 || declared > data.Length);
        }
        if (data.StartsWith("%PDF-"u8))
            return new Sniffed(MediaKind.Pdf, Truncated: Tail(data, 1024).IndexOf("%%EOF"u8) < 0);
        if (data.StartsWith(ZipLocalHeader))
            return SniffOfficePackage(b);
        return new Sniffed(null);
    }

    private static ReadOnlySpan<byte> Tail(ReadOnlySpan<byte> data, int length) =>
        data.Length <= length ? data : data[^length..];

    /// <summary>.pptx and .docx are ZIP packages; the main part's content type says which.</summary>
    private static Sniffed SniffOfficePackage(byte[] content)
    {
        const string notOffice = "er en ZIP-fil, men ikke en PowerPoint-præsentation (.pptx) eller et Word-dokument (.docx). Gem filen fra PowerPoint eller Word, og prøv igen.";
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var entry = zip.GetEntry("[Content_Types].xml");
            if (entry is null || entry.Length > MaxContentTypesBytes) return new Sniffed(null, Problem: notOffice);

            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxContentTypesBytes };
            using var reader = XmlReader.Create(entry.Open(), settings);
            var types = XDocument.Load(reader).Descendants()
                .Select(e => (string?)e.Attribute("ContentType"))
                .OfType<string>()
                .ToList();
            if (types.Any(t => t.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase))
                || zip.Entries.Any(e => e.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
                return new Sniffed(null, Problem: "indeholder makroer. Gem filen uden makroer (som .pptx eller .docx), og prøv igen.");
            if (types.Contains(PptxMain)) return new Sniffed(MediaKind.Pptx);
            if (types.Contains(DocxMain)) return new Sniffed(MediaKind.Docx);
            return new Sniffed(null, Problem: notOffice);
        }
        catch (InvalidDataException)
        {
            // A ZIP without its central directory at the end: cut off during upload or copying.
            return new Sniffed(null, Problem: "er ufuldstændig eller beskadiget: ZIP-pakken kan ikke åbnes. Gem eller eksportér filen igen, og prøv igen.");
        }
        catch (XmlException)
        {
            return new Sniffed(null, Problem: notOffice);
        }
    }
}
