using SlideDeckGenerator;
using Videnscenter.Media.Library;
using Videnscenter.Media.Tests.Harness;

namespace Videnscenter.Media.Tests.Library;

public sealed class MediaLibraryTests
{
    [Fact]
    public async Task An_upload_is_stored_under_its_sanitised_name_with_its_kind_hash_and_alt_text()
    {
        await using var host = await MediaHost.StartAsync();
        var png = TestFiles.Png(64, 48);

        var result = await host.UploadAsync("Plakat til Sindets Dag.png", png, "Plakat med programmet for Sindets Dag");

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        var file = result.File!;
        Assert.Equal("plakat-til-sindets-dag.png", file.Name);
        Assert.Equal("Plakat til Sindets Dag.png", file.OriginalName);
        Assert.Equal(MediaKind.Png, file.Kind);
        Assert.Equal("image/png", file.ContentType);
        Assert.Equal(64, file.Sha256.Length);
        Assert.Equal(png, await File.ReadAllBytesAsync(host.Library.PathOf(file)));
        Assert.Equal(["plakat-til-sindets-dag.png"], host.FilesOnDisk());
        Assert.Equal("Plakat med programmet for Sindets Dag", (await host.Library.FindAsync(file.Name))!.AltText);
    }

    [Fact]
    public async Task A_refused_upload_leaves_nothing_on_disk_or_in_the_database()
    {
        await using var host = await MediaHost.StartAsync();

        var exe = await host.UploadAsync("plakat.png", TestFiles.Exe(), "En plakat");
        var noAlt = await host.UploadAsync("plakat.png", TestFiles.Png(10, 10));

        Assert.False(exe.Succeeded);
        Assert.Equal(MediaError.FileField, Assert.Single(exe.Errors).Field);
        Assert.False(noAlt.Succeeded);
        Assert.Equal("Skriv en alternativ tekst til «plakat.png»: beskriv kort, hvad billedet viser, for dem der ikke kan se det.",
            Assert.Single(noAlt.Errors, e => e.Field == MediaError.AltTextField).Message);
        Assert.Empty(host.FilesOnDisk());
        Assert.Empty(await host.Library.ListAsync());
    }

    [Fact]
    public async Task A_wrong_file_without_alt_text_gets_both_messages_at_once()
    {
        await using var host = await MediaHost.StartAsync();

        var result = await host.UploadAsync("foto.jpg", TestFiles.Png(10, 10));

        Assert.Equal([MediaError.AltTextField, MediaError.FileField], result.Errors.Select(e => e.Field).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task A_stream_longer_than_it_claims_is_stopped_at_the_limit()
    {
        await using var host = await MediaHost.StartAsync(o => new MediaOptions { RootPath = o.RootPath, MaxBytes = 1024 });
        var content = TestFiles.Pdf(("Stor", ["x"]));

        var result = await host.Library.UploadAsync(new MediaUpload("stor.pdf", new MemoryStream(content), Length: 100), "test");

        Assert.StartsWith("«stor.pdf» er for stor.", Assert.Single(result.Errors).Message);
        Assert.Empty(host.FilesOnDisk());
    }

    [Fact]
    public async Task The_same_name_twice_gets_a_number()
    {
        await using var host = await MediaHost.StartAsync();

        var first = await host.UploadAsync("program.pdf", TestFiles.Pdf(("Program", ["A"])));
        var second = await host.UploadAsync("Program.pdf", TestFiles.Pdf(("Program", ["B"])));

        Assert.Equal("program.pdf", first.File!.Name);
        Assert.Equal("program-2.pdf", second.File!.Name);
    }

    [Fact]
    public async Task Replace_keeps_the_name_checks_the_new_content_and_refuses_another_kind()
    {
        await using var host = await MediaHost.StartAsync();
        var original = (await host.UploadAsync("program.pdf", TestFiles.Pdf(("Program", ["Første udgave"])))).File!;
        var newContent = TestFiles.Pdf(("Program", ["Anden udgave"]));

        var replaced = await host.Library.ReplaceAsync(original.Name, new MediaUpload("program v2.pdf", new MemoryStream(newContent), newContent.Length), "test");
        var wrongKind = await host.Library.ReplaceAsync(original.Name, new MediaUpload("plakat.png", new MemoryStream(TestFiles.Png(5, 5)), 100, "Plakat"), "test");
        var broken = await host.Library.ReplaceAsync(original.Name, new MediaUpload("program.pdf", new MemoryStream(TestFiles.Exe()), 50), "test");

        Assert.True(replaced.Succeeded);
        Assert.Equal("program.pdf", replaced.File!.Name);
        Assert.NotEqual(original.Sha256, replaced.File.Sha256);
        Assert.Equal(newContent, await File.ReadAllBytesAsync(host.Library.PathOf(replaced.File)));
        Assert.Equal("«plakat.png» er et PNG-billede, men «program.pdf» er et PDF-dokument. Erstat med en fil af samme type, eller upload den som en ny fil.",
            Assert.Single(wrongKind.Errors).Message);
        Assert.False(broken.Succeeded);
        Assert.Equal(newContent, await File.ReadAllBytesAsync(host.Library.PathOf(replaced.File)));
        Assert.Equal(["program.pdf"], host.FilesOnDisk());
    }

    [Fact]
    public async Task Replacing_an_image_keeps_its_alt_text_and_alt_text_can_be_changed_but_not_emptied()
    {
        await using var host = await MediaHost.StartAsync();
        var file = (await host.UploadAsync("foto.png", TestFiles.Png(20, 20), "Caféen en morgen")).File!;

        var replaced = await host.Library.ReplaceAsync(file.Name, new MediaUpload("nyt foto.png", new MemoryStream(TestFiles.Png(30, 30)), 200), "test");
        var changed = await host.Library.SetAltTextAsync(file.Name, "Caféen en eftermiddag");
        var emptied = await host.Library.SetAltTextAsync(file.Name, "   ");

        Assert.Equal("Caféen en morgen", replaced.File!.AltText);
        Assert.Equal("Caféen en eftermiddag", changed.File!.AltText);
        Assert.False(emptied.Succeeded);
        Assert.Equal("Caféen en eftermiddag", (await host.Library.FindAsync(file.Name))!.AltText);
    }

    [Fact]
    public async Task Delete_removes_the_file_its_row_and_its_cached_slide_text()
    {
        await using var host = await MediaHost.StartAsync();
        var file = (await host.UploadAsync("oplæg.pptx", TestFiles.Pptx(SlideSpec.Bullets("Velkommen", "Hej")))).File!;

        Assert.True(await host.Library.DeleteAsync(file.Name));

        Assert.Null(await host.Library.FindAsync(file.Name));
        Assert.Empty(host.FilesOnDisk());
        Assert.False(await host.Library.DeleteAsync(file.Name));
    }

    [Fact]
    public async Task Slide_text_is_read_at_upload_and_cached_by_content()
    {
        await using var host = await MediaHost.StartAsync();
        var file = (await host.UploadAsync("oplæg.pptx", TestFiles.Pptx(
            SlideSpec.Bullets("Velkommen", "Hej og velkommen"),
            SlideSpec.Bullets("Recovery", "At komme sig")))).File!;
        // The file on disk is gone, so a second read can only come from the cache.
        File.Delete(host.Library.PathOf(file));

        var slides = await host.Library.SlidesAsync(file);

        Assert.Null(slides.Error);
        Assert.Equal(["Velkommen", "Recovery"], slides.Slides.Select(s => s.Title));
        Assert.Equal("At komme sig", slides.Slides[1].Text);
    }
}
