using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using Videnscenter.Media;
using Videnscenter.Media.Images;
using Videnscenter.Media.Library;

namespace Videnscenter.Benchmarks.Images;

/// <summary>
/// Media profiles on a 12-megapixel photo: for every profile (width × format) the time to make the
/// copy on first request (read, inspect, decode, orient, resize, strip, encode, write) and the time
/// of a cached hit. Prints one line per profile and kind, with p50 and p95 over the runs.
///   dotnet run -c Release --project tests/Videnscenter.Benchmarks -- image [--runs 7] [--hits 2000]
/// </summary>
public static class ImageBenchmark
{
    public static int Run(string[] args)
    {
        var runs = Option(args, "--runs", 7);
        var hits = Option(args, "--hits", 2000);
        var folder = Directory.CreateTempSubdirectory("videnscenter-image-bench-").FullName;
        try
        {
            var options = new MediaOptions { RootPath = folder };
            using var profiles = new ImageProfiles(options, NullLogger<ImageProfiles>.Instance);
            var photo = TwelveMegapixelJpeg();
            File.WriteAllBytes(Path.Combine(folder, "foto.jpg"), photo);
            var file = new MediaFile
            {
                Name = "foto.jpg", OriginalName = "foto.jpg", Kind = MediaKind.Jpeg, Length = photo.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(photo)), UploadedBy = "bench",
            };
            Console.WriteLine($"# 4000×3000 JPEG, {photo.Length / 1024} kB; {runs} resizes and {hits} cached hits per profile");

            foreach (var format in new[] { ProfileFormat.WebP, ProfileFormat.Original })
                foreach (var width in ImageProfiles.Widths)
                {
                    var name = $"{width}-{(format == ProfileFormat.WebP ? "webp" : "jpeg")}";
                    var made = new List<double>();
                    DerivedImage? copy = null;
                    for (var i = 0; i < runs; i++)
                    {
                        if (copy is not null) File.Delete(copy.Path);
                        var watch = Stopwatch.StartNew();
                        copy = profiles.GetAsync(file, width, format, CancellationToken.None).GetAwaiter().GetResult()
                               ?? throw new InvalidOperationException($"No copy for {name}");
                        made.Add(watch.Elapsed.TotalMilliseconds);
                    }
                    Print($"image profile={name}", made);

                    var cached = new List<double>();
                    for (var i = 0; i < hits; i++)
                    {
                        var watch = Stopwatch.StartNew();
                        _ = profiles.GetAsync(file, width, format, CancellationToken.None).GetAwaiter().GetResult();
                        cached.Add(watch.Elapsed.TotalMilliseconds);
                    }
                    Print($"image profile={name} cached=hit", cached);
                }
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A 4000 × 3000 photo-like JPEG: gradients with noise, so it compresses like a photo, not like a flat colour.</summary>
    private static byte[] TwelveMegapixelJpeg()
    {
        using var image = new Image<Rgb24>(4000, 3000);
        var random = new Random(12);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                    row[x] = new Rgb24((byte)(x * 255 / 4000 + random.Next(-12, 12)), (byte)(y * 255 / 3000 + random.Next(-12, 12)), (byte)((x + y) % 256));
            }
        });
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new JpegEncoder { Quality = 90 });
        return output.ToArray();
    }

    private static void Print(string label, List<double> times)
    {
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label} p50_ms={Percentile(times, 0.50):0.###} p95_ms={Percentile(times, 0.95):0.###}"));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }
}
