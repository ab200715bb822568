using System.Net;
using SlideDeckGenerator;
using Videnscenter.Media.Tests.Harness;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Media;

/// <summary>
/// Issue 14.1 through the site itself: an editor's session (perhaps a stolen one) posts the hostile
/// files to the media admin page. Each is refused there with the Danish message naming the limit,
/// the form keeps what the editor typed, nothing reaches the media folder or the library, and the
/// site goes on answering readers while the files are read. The files are made here, in memory.
/// </summary>
public sealed class HostileUploadTests(MediaSite site) : IClassFixture<MediaSite>
{
    public static TheoryData<string, string> Files => new()
    {
        { "kaempe.png", "«kaempe.png» er 30.000 × 30.000 punkter (900 megapixel). Billeder må højst have 40 megapixel." },
        { "sort-hvid.png", "«sort-hvid.png» er 60.000 × 60.000 punkter (3.600 megapixel). Billeder må højst have 40 megapixel." },
        { "store-slides.pptx", "«store-slides.pptx»: Teksten i PowerPoint-filen kan ikke bruges: slide 1 fylder over 2.000.000 tegn XML" },
        { "formularer.pdf", "«formularer.pdf»: Teksten i PDF-filen kan ikke bruges: side 1 tegner over 5.000 formularobjekter" },
    };

    private static byte[] Make(string name) => name switch
    {
        "kaempe.png" => TestFiles.HugePng(30_000, 30_000),
        "sort-hvid.png" => TestFiles.HugePng(60_000, 60_000, bitDepth: 1, colourType: 0),
        "store-slides.pptx" => TestFiles.Pptx([.. Enumerable.Range(1, 3).Select(i => SlideSpec.Bullets($"Slide {i}", new string('x', 3_000_000)))]),
        "formularer.pdf" => TestFiles.NestedFormsPdf(depth: 12, fan: 8, text: false),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_hostile_upload_is_refused_on_the_admin_page_nothing_is_stored_and_readers_are_still_served(string name, string message)
    {
        var before = Directory.GetFiles(site.MediaFolder, "*", SearchOption.AllDirectories).Order().ToList();
        var form = await site.Admin.GetStringAsync("/admin/medier");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(SiteFactory.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new StringContent("Farlig fil"), "AltText" },
            { new ByteArrayContent(Make(name)), "Upload", name },
        };

        // Readers keep being served while the hostile file is read.
        var upload = site.Admin.PostAsync("/admin/medier", content);
        var readers = Enumerable.Range(0, 5).Select(_ => site.Anonymous.GetAsync("/metoder")).ToList();
        using var response = await upload;
        foreach (var reader in readers)
        {
            using var answer = await reader;
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = SiteFactory.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, page.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal("Farlig fil", page.QuerySelector("#AltText")!.GetAttribute("value"));
        Assert.Equal(before, Directory.GetFiles(site.MediaFolder, "*", SearchOption.AllDirectories).Order().ToList());
        Assert.DoesNotContain(await site.Library.ListAsync(), f => f.OriginalName == name);
    }
}
