using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SlideDeckGenerator;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Videnscenter.Media.Tests.Harness;

/// <summary>Real files of every accepted kind, made in memory, and broken ones.</summary>
public static class TestFiles
{
    /// <summary>A real RGB PNG with a gradient, so a resize has something to shrink.</summary>
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

    /// <summary>A PDF with one page per entry: the title large at the top, the lines below it (PdfPig's writer, DejaVu Sans).</summary>
    public static byte[] Pdf(params (string Title, string[] Lines)[] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(File.ReadAllBytes("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
        foreach (var (title, lines) in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            page.AddText(title, 24, new PdfPoint(50, 760), font);
            var y = 700.0;
            foreach (var line in lines)
            {
                page.AddText(line, 14, new PdfPoint(70, y), font);
                y -= 28;
            }
        }
        return builder.Build();
    }

    /// <summary>A real JPEG (ImageSharp's encoder), with EXIF that says where it was taken and that it is turned a quarter.</summary>
    public static byte[] JpegWithGps(int width, int height)
    {
        using var image = Gradient(width, height);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Orientation, (ushort)6); // rotate 90° clockwise to show
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(56, 1), new Rational(27, 1), new Rational(0, 1)]);
        exif.SetValue(ExifTag.Make, "Testkamera");
        image.Metadata.ExifProfile = exif;
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new JpegEncoder { Quality = 90 });
        return output.ToArray();
    }

    public static byte[] Jpeg(int width, int height) => Encode(width, height, new JpegEncoder { Quality = 85 });

    public static byte[] WebP(int width, int height) => Encode(width, height, new WebpEncoder());

    /// <summary>An animated GIF of tiny frames.</summary>
    public static byte[] AnimatedGif(int frames, int width = 4, int height = 4)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(255, 0, 0));
        for (var i = 1; i < frames; i++)
        {
            using var frame = new Image<Rgba32>(width, height, new Rgba32((byte)(i * 7), 0, 255));
            image.Frames.AddFrame(frame.Frames.RootFrame);
        }
        using var output = new MemoryStream();
        image.SaveAsGif(output);
        return output.ToArray();
    }

    private static byte[] Encode(int width, int height, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        using var image = Gradient(width, height);
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return output.ToArray();
    }

    private static Image<Rgba32> Gradient(int width, int height)
    {
        var image = new Image<Rgba32>(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                image[x, y] = new Rgba32((byte)(x * 255 / Math.Max(1, width - 1)), (byte)(y * 255 / Math.Max(1, height - 1)), 0x80);
        return image;
    }

    /// <summary>
    /// A PNG that declares a huge size in its header, with a valid IHDR, the first rows of image data
    /// and IEND: a few kilobytes that would need gigabytes to decode (the decompression-bomb shape).
    /// </summary>
    public static byte[] HugePng(int width, int height, byte bitDepth = 8, byte colourType = 2, int rows = 64)
    {
        var bitsPerPixel = colourType == 2 ? 3 * bitDepth : bitDepth;
        var rowBytes = 1 + (int)(((long)width * bitsPerPixel + 7) / 8);
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[rowBytes];
            for (var i = 0; i < rows; i++) z.Write(row);
        }
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteBigEndian(header, 0, (uint)width);
        WriteBigEndian(header, 4, (uint)height);
        header[8] = bitDepth;
        header[9] = colourType;
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// A 2 KB PDF whose page draws a form object eight times, which draws the next eight times, and so
    /// on <paramref name="depth"/> deep, the last one showing text (or nothing): 8^depth draws from a
    /// few objects. Written by hand because no PDF writer makes such a thing on purpose.
    /// </summary>
    public static byte[] NestedFormsPdf(int depth = 12, int fan = 8, bool text = true)
    {
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X0 5 0 R >> >> /Contents {5 + depth} 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        for (var i = 0; i < depth; i++)
        {
            var last = i == depth - 1;
            var content = last ? (text ? "BT /F1 12 Tf 10 10 Td (Hej verden) Tj ET" : "0 0 m") : string.Concat(Enumerable.Repeat($"/X{i + 1} Do ", fan));
            var resources = last ? "/Font << /F1 4 0 R >>" : $"/XObject << /X{i + 1} {6 + i} 0 R >>";
            objects.Add($"<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << {resources} >> /Length {content.Length} >>\nstream\n{content}\nendstream");
        }
        var page = string.Concat(Enumerable.Repeat("/X0 Do ", fan));
        objects.Add($"<< /Length {page.Length} >>\nstream\n{page}\nendstream");
        return RawPdf(objects);
    }

    /// <summary>A PDF of <paramref name="pages"/> empty pages, written by hand (small however many pages).</summary>
    public static byte[] ManyPagesPdf(int pages)
    {
        var kids = string.Join(" ", Enumerable.Range(0, pages).Select(i => $"{3 + i} 0 R"));
        var objects = new List<string> { "<< /Type /Catalog /Pages 2 0 R >>", $"<< /Type /Pages /Kids [{kids}] /Count {pages} >>" };
        for (var i = 0; i < pages; i++) objects.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");
        return RawPdf(objects);
    }

    private static byte[] RawPdf(IReadOnlyList<string> objects)
    {
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append($"{offset:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
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
