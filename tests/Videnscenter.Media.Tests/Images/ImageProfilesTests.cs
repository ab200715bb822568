using SixLabors.ImageSharp;
using Videnscenter.Media.Images;
using Videnscenter.Media.Library;
using Videnscenter.Media.Tests.Harness;

namespace Videnscenter.Media.Tests.Images;

/// <summary>Derived images with ImageSharp: fixed widths, WebP or the original's format, never enlarged, stripped, cached.</summary>
public sealed class ImageProfilesTests
{
    [Fact]
    public async Task A_png_gets_a_cached_copy_of_the_profile_width_asked_for_in_png_and_webp()
    {
        await using var host = await MediaHost.StartAsync();
        var profiles = host.Get<ImageProfiles>();
        var file = (await host.UploadAsync("plakat.png", TestFiles.Png(800, 400), "Plakat")).File!;

        var png = await profiles.GetAsync(file, 300, ProfileFormat.Original, CancellationToken.None);
        var webp = await profiles.GetAsync(file, 300, ProfileFormat.WebP, CancellationToken.None);

        Assert.Equal("image/png", png!.ContentType);
        Assert.Equal("image/webp", webp!.ContentType);
        Assert.StartsWith(host.Options.ThumbnailPath, png.Path);
        Assert.NotEqual(png.ETag, webp.ETag);
        // 300 is rounded up to the next profile width; the height follows the aspect ratio.
        Assert.Equal(new Size(320, 160), SizeOf(png.Path));
        Assert.Equal(new Size(320, 160), SizeOf(webp.Path));
        Assert.Equal("webp", Image.DetectFormat(ImageCodecs.Configuration, await File.ReadAllBytesAsync(webp.Path))!.Name.ToLowerInvariant());
        var written = File.GetLastWriteTimeUtc(png.Path);
        var again = await profiles.GetAsync(file, 320, ProfileFormat.Original, CancellationToken.None);
        Assert.Equal(png.Path, again!.Path);
        Assert.Equal(written, File.GetLastWriteTimeUtc(again.Path));
    }

    [Fact]
    public async Task A_small_image_is_never_enlarged()
    {
        await using var host = await MediaHost.StartAsync();
        var file = (await host.UploadAsync("ikon.png", TestFiles.Png(100, 50), "Ikon")).File!;

        var copy = await host.Get<ImageProfiles>().GetAsync(file, 1920, ProfileFormat.WebP, CancellationToken.None);

        Assert.Equal(new Size(100, 50), SizeOf(copy!.Path));
    }

    [Fact]
    public async Task Served_copies_are_turned_upright_and_carry_no_exif_gps_or_other_metadata()
    {
        await using var host = await MediaHost.StartAsync();
        var photo = TestFiles.JpegWithGps(400, 200);
        Assert.NotNull(Image.Identify(photo)!.Metadata.ExifProfile);
        var file = (await host.UploadAsync("tur.jpg", photo, "Gåtur ved Gudenåen")).File!;
        // The size as shown: the EXIF orientation turns it a quarter.
        Assert.Equal((200, 400), (file.Width, file.Height));

        foreach (var (width, format) in new (int?, ProfileFormat)[] { (null, ProfileFormat.Original), (320, ProfileFormat.Original), (160, ProfileFormat.WebP) })
        {
            var copy = await host.Get<ImageProfiles>().GetAsync(file, width, format, CancellationToken.None);
            var bytes = await File.ReadAllBytesAsync(copy!.Path);
            var info = Image.Identify(bytes)!;
            Assert.Null(info.Metadata.ExifProfile);
            Assert.Null(info.Metadata.XmpProfile);
            Assert.Null(info.Metadata.IptcProfile);
            Assert.Null(info.Metadata.IccProfile);
            Assert.True(info.Height > info.Width, $"{width}/{format}: {info.Width}×{info.Height} er ikke drejet op");
            Assert.True(bytes.AsSpan().IndexOf("Testkamera"u8) < 0, $"{width}/{format} indeholder stadig EXIF-tekst");
        }
    }

    [Fact]
    public async Task An_animated_gif_keeps_its_frames_in_its_own_format()
    {
        await using var host = await MediaHost.StartAsync();
        var file = (await host.UploadAsync("blink.gif", TestFiles.AnimatedGif(5, 640, 480), "Blinkende lys")).File!;

        var copy = await host.Get<ImageProfiles>().GetAsync(file, 320, ProfileFormat.Original, CancellationToken.None);

        using var image = Image.Load(await File.ReadAllBytesAsync(copy!.Path));
        Assert.Equal(5, image.Frames.Count);
        Assert.Equal(320, image.Width);
    }

    [Fact]
    public async Task Replacing_an_image_forgets_its_old_copies()
    {
        await using var host = await MediaHost.StartAsync();
        var profiles = host.Get<ImageProfiles>();
        var file = (await host.UploadAsync("plakat.png", TestFiles.Png(800, 400), "Plakat")).File!;
        var old = await profiles.GetAsync(file, 320, ProfileFormat.WebP, CancellationToken.None);

        var bigger = TestFiles.Png(400, 400);
        var replaced = (await host.Library.ReplaceAsync(file.Name, new MediaUpload("plakat.png", new MemoryStream(bigger), bigger.Length), "test")).File!;
        var fresh = await profiles.GetAsync(replaced, 320, ProfileFormat.WebP, CancellationToken.None);

        Assert.False(File.Exists(old!.Path));
        Assert.Equal(new Size(320, 320), SizeOf(fresh!.Path));
        Assert.Equal((400, 400), (replaced.Width, replaced.Height));
    }

    [Fact]
    public async Task A_stored_image_over_the_pixel_limit_gets_no_copy()
    {
        // Stored before the limit was lowered: the limit holds when copies are made, too.
        await using var host = await MediaHost.StartAsync(o => new MediaOptions { RootPath = o.RootPath, Images = new ImageLimits { MaxPixels = 1_000_000 } });
        var stored = TestFiles.Png(2000, 1000);
        Directory.CreateDirectory(host.Options.RootPath);
        await File.WriteAllBytesAsync(Path.Combine(host.Options.RootPath, "stor.png"), stored);
        var file = new MediaFile { Name = "stor.png", OriginalName = "stor.png", Kind = MediaKind.Png, Sha256 = new string('a', 64), UploadedBy = "test" };

        var copy = await host.Get<ImageProfiles>().GetAsync(file, 320, ProfileFormat.WebP, CancellationToken.None);

        Assert.Null(copy);
        Assert.False(Directory.Exists(host.Options.ThumbnailPath));
    }

    [Theory]
    [InlineData(1, 320)]
    [InlineData(320, 320)]
    [InlineData(321, 640)]
    [InlineData(1000, 1280)]
    [InlineData(5000, 1920)]
    public void Widths_are_rounded_up_to_the_profiles_we_make(int requested, int made) =>
        Assert.Equal(made, ImageProfiles.SnapWidth(requested));

    private static Size SizeOf(string path)
    {
        var info = Image.Identify(ImageCodecs.Configuration, path, out _)!;
        return new Size(info.Width, info.Height);
    }
}
