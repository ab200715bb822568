using SlideDeckGenerator;
using Videnscenter.Content.Tests.Harness;
using Videnscenter.Media.Library;
using Videnscenter.Media.Tests.Harness;

namespace Videnscenter.Media.Tests.Library;

/// <summary>The hand-written migration and the library's queries on PostgreSQL, as on SQLite.</summary>
public sealed class MediaLibraryPostgresTests
{
    [PostgresFact]
    public async Task Upload_name_clash_replace_slide_cache_and_delete_work_on_postgresql()
    {
        await using var host = await MediaHost.StartAsync(postgres: true);
        var deck = TestFiles.Pptx(SlideSpec.Bullets("Velkommen", "Hej"), SlideSpec.Bullets("Recovery", "At komme sig"));

        var first = (await host.UploadAsync("Oplæg.pptx", deck)).File!;
        var second = (await host.UploadAsync("oplæg.pptx", deck)).File!;
        var image = (await host.UploadAsync("foto.png", TestFiles.Png(10, 10), "Et foto")).File!;
        var slides = await host.Library.SlidesAsync(second);
        var replaced = await host.Library.ReplaceAsync(first.Name,
            new MediaUpload("nyt.pptx", new MemoryStream(TestFiles.Pptx(SlideSpec.Bullets("Ny", "Tekst"))), 20_000), "test");

        Assert.Equal(["oplaeg.pptx", "oplaeg-2.pptx"], [first.Name, second.Name]);
        Assert.Equal(DateTimeKind.Utc, (await host.Library.FindAsync(image.Name))!.UploadedUtc.Kind);
        Assert.Equal(["Velkommen", "Recovery"], slides.Slides.Select(s => s.Title));
        Assert.Equal("Ny", (await host.Library.SlidesAsync(replaced.File!)).Slides.Single().Title);
        Assert.True(await host.Library.DeleteAsync(second.Name));
        Assert.Equal(new[] { first.Name, image.Name }.Order(StringComparer.Ordinal), (await host.Library.ListAsync()).Select(f => f.Name).Order(StringComparer.Ordinal));
    }
}
