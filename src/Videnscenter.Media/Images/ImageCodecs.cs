using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using Videnscenter.Media.Library;

namespace Videnscenter.Media.Images;

/// <summary>
/// The one ImageSharp configuration the site uses: only the four formats we accept (no BMP, TIFF,
/// TGA or PBM decoder is reachable from an upload), and a memory allocator with a small pool and a
/// cap on any single buffer, so a decoded image's memory goes back to the system afterwards.
/// </summary>
public static class ImageCodecs
{
    public static readonly Configuration Configuration = Create();

    private static Configuration Create()
    {
        var configuration = new Configuration(
            new JpegConfigurationModule(),
            new PngConfigurationModule(),
            new GifConfigurationModule(),
            new WebpConfigurationModule())
        {
            MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions
            {
                MaximumPoolSizeMegabytes = 32,
                // One 40-megapixel frame as RGBA is 160 MB; nothing we allow needs a larger buffer.
                AllocationLimitMegabytes = 256,
            }),
            // Two cores serve the whole site: one image must not take both.
            MaxDegreeOfParallelism = 1,
        };
        return configuration;
    }

    /// <summary>The encoder that writes a derived image in a kind's own format.</summary>
    public static IImageEncoder EncoderFor(MediaKind kind) => kind switch
    {
        MediaKind.Jpeg => new JpegEncoder { Quality = 82 },
        MediaKind.Png => new PngEncoder { CompressionLevel = PngCompressionLevel.DefaultCompression },
        MediaKind.Gif => new GifEncoder(),
        MediaKind.WebP => WebPEncoder,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Ikke et billede."),
    };

    /// <summary>Lossy WebP (with alpha where the source has it): a third of a JPEG's size at the same look.</summary>
    public static readonly IImageEncoder WebPEncoder = new WebpEncoder { Quality = 80, FileFormat = WebpFileFormatType.Lossy };
}
