using Videnscenter.Media.Images;
using Videnscenter.Media.Library;
using Videnscenter.Media.Tests.Harness;

namespace Videnscenter.Media.Tests.Images;

/// <summary>Thumbnails through Debian's libvips (test.sh installs libvips42), and the original when it is off.</summary>
public sealed class ThumbnailerTests
{
    [Fact]
    public async Task With_libvips_an_image_gets_a_cached_thumbnail_of_the_width_asked_for()
    {
        await using var host = await MediaHost.StartAsync();
        var thumbnailer = host.Get<Thumbnailer>();
        Assert.True(thumbnailer.Enabled, "libvips (libvips.so.42) blev ikke fundet. Installér pakken libvips42, eller kør ./test.sh.");
        var file = (await host.UploadAsync("plakat.png", TestFiles.Png(800, 400), "Plakat")).File!;

        var thumbnail = await thumbnailer.GetAsync(file, host.Library.PathOf(file), 300, CancellationToken.None);

        Assert.NotNull(thumbnail);
        Assert.Equal("image/png", thumbnail.ContentType);
        Assert.StartsWith(host.Options.ThumbnailPath, thumbnail.Path);
        // 300 is rounded up to the next width we make; the height follows the aspect ratio.
        Assert.Equal((320, 160), TestFiles.PngSize(await File.ReadAllBytesAsync(thumbnail.Path)));
        var again = await thumbnailer.GetAsync(file, host.Library.PathOf(file), 320, CancellationToken.None);
        Assert.Equal(thumbnail.Path, again!.Path);
    }

    [Fact]
    public async Task A_small_image_is_not_enlarged()
    {
        await using var host = await MediaHost.StartAsync();
        var thumbnailer = host.Get<Thumbnailer>();
        Assert.True(thumbnailer.Enabled, "libvips (libvips.so.42) blev ikke fundet.");
        var file = (await host.UploadAsync("ikon.png", TestFiles.Png(100, 50), "Ikon")).File!;

        var thumbnail = await thumbnailer.GetAsync(file, host.Library.PathOf(file), 640, CancellationToken.None);

        Assert.Equal((100, 50), TestFiles.PngSize(await File.ReadAllBytesAsync(thumbnail!.Path)));
    }

    [Fact]
    public async Task With_libvips_turned_off_there_is_no_thumbnail_so_the_original_is_served()
    {
        await using var host = await MediaHost.StartAsync(o => new MediaOptions { RootPath = o.RootPath, UseLibvips = false });
        var thumbnailer = host.Get<Thumbnailer>();
        var file = (await host.UploadAsync("plakat.png", TestFiles.Png(800, 400), "Plakat")).File!;

        Assert.False(thumbnailer.Enabled);
        Assert.Null(await thumbnailer.GetAsync(file, host.Library.PathOf(file), 320, CancellationToken.None));
        Assert.False(Directory.Exists(host.Options.ThumbnailPath));
    }

    [Fact]
    public async Task Replacing_an_image_forgets_its_old_thumbnails()
    {
        await using var host = await MediaHost.StartAsync();
        var thumbnailer = host.Get<Thumbnailer>();
        Assert.True(thumbnailer.Enabled, "libvips (libvips.so.42) blev ikke fundet.");
        var file = (await host.UploadAsync("plakat.png", TestFiles.Png(800, 400), "Plakat")).File!;
        var old = await thumbnailer.GetAsync(file, host.Library.PathOf(file), 160, CancellationToken.None);

        var bigger = TestFiles.Png(400, 400);
        var replaced = (await host.Library.ReplaceAsync(file.Name, new MediaUpload("plakat.png", new MemoryStream(bigger), bigger.Length), "test")).File!;
        var fresh = await thumbnailer.GetAsync(replaced, host.Library.PathOf(replaced), 160, CancellationToken.None);

        Assert.False(File.Exists(old!.Path));
        Assert.Equal((160, 160), TestFiles.PngSize(await File.ReadAllBytesAsync(fresh!.Path)));
    }

    [Fact]
    public async Task The_database_keeps_working_after_libvips_has_started()
    {
        // libvips' optional modules once brought the system's libsqlite3 into the process, which
        // took over the symbols of Microsoft.Data.Sqlite's own SQLite and crashed the next query.
        await using var host = await MediaHost.StartAsync();
        var thumbnailer = host.Get<Thumbnailer>();
        Assert.True(thumbnailer.Enabled, "libvips (libvips.so.42) blev ikke fundet.");
        var file = (await host.UploadAsync("plakat.png", TestFiles.Png(300, 300), "Plakat")).File!;
        Assert.NotNull(await thumbnailer.GetAsync(file, host.Library.PathOf(file), 160, CancellationToken.None));

        var second = await host.UploadAsync("plakat.png", TestFiles.Png(200, 200), "Plakat igen");

        Assert.Equal("plakat-2.png", second.File!.Name);
        Assert.Equal(2, (await host.Library.ListAsync()).Count);
        Assert.DoesNotContain("libsqlite3.so", await File.ReadAllTextAsync("/proc/self/maps"));
    }

    [Theory]
    [InlineData(1, 160)]
    [InlineData(160, 160)]
    [InlineData(161, 320)]
    [InlineData(5000, 960)]
    public void Widths_are_rounded_up_to_the_ones_we_make(int requested, int made) =>
        Assert.Equal(made, Thumbnailer.SnapWidth(requested));
}
