using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using SlideDeckGenerator;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Videnscenter.Media.Tests.Harness;

/// <summary>Real files of every accepted kind, made in memory, and broken ones.</summary>
public static class TestFiles
{
    /// <summary>A real RGB PNG with a gradient, so libvips has something to shrink.</summary>
    public static byte[] Png(int width, int height)
    {
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3);
            raw[row] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                raw[row + 1 + x * 3] = (byte)(x * 255 / Math.Max(1, width - 1));
                raw[row + 2 + x * 3] = (byte)(y * 255 / Math.Max(1, height - 1));
                raw[row + 3 + x * 3] = 0x80;
            }
        }
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) z.Write(raw);

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteBigEndian(header, 0, (uint)width);
        WriteBigEndian(header, 4, (uint)height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>Width and height from a PNG's IHDR.</summary>
    public static (int Width, int Height) PngSize(byte[] png) =>
        ((int)ReadBigEndian(png, 16), (int)ReadBigEndian(png, 20));

    /// <summary>The smallest GIF: one white pixel.</summary>
    public static byte[] Gif() => Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    /// <summary>A JPEG's start and end markers around some bytes: enough for the content check.</summary>
    public static byte[] JpegShell() => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    /// <summary>A WebP container whose RIFF size matches its length.</summary>
    public static byte[] WebPShell()
    {
        var payload = "VP8L"u8.ToArray().Concat(new byte[] { 5, 0, 0, 0, 0x2F, 0, 0, 0, 0, 0 }).ToArray();
        var size = BitConverter.GetBytes((uint)(4 + payload.Length));
        return [.. "RIFF"u8, .. size, .. "WEBP"u8, .. payload];
    }

    /// <summary>A Windows program: "MZ" and a DOS stub.</summary>
    public static byte[] Exe() => [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, .. Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.")];

    public static byte[] Pptx(params SlideSpec[] slides) => PptxWriter.Build(new DeckSpec("Testdæk", slides));

    public static byte[] Docx(string text)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new W.Document(new W.Body(new W.Paragraph(new W.Run(new W.Text(text)))));
        }
        return stream.ToArray();
    }

    /// <summary>A ZIP that is neither PowerPoint nor Word.</summary>
    public static byte[] PlainZip()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("hej.txt").Open());
            writer.Write("Bare en tekstfil i en zip.");
        }
        return stream.ToArray();
    }

    /// <summary>A PDF with one page per entry: the title large at the top, the lines below it.</summary>
    public static byte[] Pdf(params (string Title, string[] Lines)[] pages)
    {
        PdfFonts.Ensure();
        using var document = new PdfDocument();
        foreach (var (title, lines) in pages)
        {
            var page = document.AddPage();
            using var gfx = XGraphics.FromPdfPage(page);
            gfx.DrawString(title, new XFont("DejaVu Sans", 24, XFontStyleEx.Bold), XBrushes.Black, new XPoint(50, 80));
            var y = 140.0;
            foreach (var line in lines)
            {
                gfx.DrawString(line, new XFont("DejaVu Sans", 14), XBrushes.Black, new XPoint(70, y));
                y += 28;
            }
        }
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    public static byte[] Truncated(byte[] file) => file[..(file.Length / 2)];

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        WriteBigEndian(length, 0, (uint)data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        var crc = new byte[4];
        WriteBigEndian(crc, 0, Crc32(typeAndData));
        png.Write(crc);
    }

    private static void WriteBigEndian(byte[] buffer, int offset, uint value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }

    private static uint ReadBigEndian(byte[] buffer, int offset) =>
        (uint)(buffer[offset] << 24 | buffer[offset + 1] << 16 | buffer[offset + 2] << 8 | buffer[offset + 3]);

    /// <summary>The CRC-32 PNG chunks carry (the zlib polynomial).</summary>
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}

/// <summary>PDFsharp on Linux needs to be told where fonts are: Debian's DejaVu (test.sh installs fonts-dejavu-core).</summary>
internal sealed class PdfFonts : IFontResolver
{
    private const string Folder = "/usr/share/fonts/truetype/dejavu";
    private static readonly Lock Gate = new();
    private static bool _set;

    public static void Ensure()
    {
        lock (Gate)
        {
            if (_set) return;
            // PDFsharp 6.5 is AGPL-3.0 and asks its users to say under which license they use it.
            // It only makes test fixtures here and is never part of the site.
            PdfSharp.PdfSharpLicense.SetAgplLicense();
            GlobalFontSettings.FontResolver = new PdfFonts();
            _set = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(Folder, faceName + ".ttf"));
}
