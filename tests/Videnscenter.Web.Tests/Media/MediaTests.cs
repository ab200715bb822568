using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Media.Images;
using Videnscenter.Web.Tests.Harness;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace Videnscenter.Web.Tests.Media;

/// <summary>/medier/{name}: served safely, and only to readers who may see content that uses the file.</summary>
public sealed class MediaTests(MediaSite site) : IClassFixture<MediaSite>
{
    [Fact]
    public async Task A_presentation_is_downloaded_with_nosniff_its_type_and_a_safe_file_name()
    {
        // The seeded public deck "Peerstøtte i Randers" uses this file.
        var response = await site.Anonymous.GetAsync("/medier/peerstoette-i-randers.pptx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.presentationml.presentation", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("peerstoette-i-randers.pptx", disposition.FileNameStar);
        Assert.Equal((await File.ReadAllBytesAsync(MediaSite.RepoFile("content-seed/slides/filer/peerstoette-i-randers.pptx"))).Length,
            (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Images_and_pdf_open_in_the_browser_and_a_danish_name_survives_in_filename_star()
    {
        var image = await site.UploadAsync("Plakat til Sindets Dag.png", MediaSite.Png, "Plakat for Sindets Dag");
        await site.PublishPageAsync("Sindets Dag-plakaten", $"![Plakaten]({image.Url})", Audience.Offentlig);

        var response = await site.Anonymous.GetAsync(image.Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("Plakat til Sindets Dag.png", response.Content.Headers.ContentDisposition.FileNameStar);

        var danish = await site.UploadAsync("Årsmøde på Ærø.png", MediaSite.Png, "Kort over Ærø");
        await site.PublishPageAsync("Årsmødet", $"![Kort]({danish.Url})", Audience.Offentlig);
        var header = (await site.Anonymous.GetAsync(danish.Url)).Content.Headers.GetValues("Content-Disposition").Single();
        Assert.Contains("filename*=UTF-8''%C3%85rsm%C3%B8de%20p%C3%A5%20%C3%86r%C3%B8.png", header);
        Assert.DoesNotContain("Å", header);
    }

    [Fact]
    public async Task A_file_used_only_by_staff_content_is_404_to_anonymous_and_volunteers_and_200_to_staff()
    {
        var file = await site.UploadAsync("intern-vejledning.png", MediaSite.Png, "Skema fra den interne vejledning");
        var page = await site.PublishPageAsync("Intern vejledning med skema", $"Se skemaet: ![Skema]({file.Url})", Audience.Medarbejder);

        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous.GetAsync(file.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Volunteer.GetAsync(file.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.Staff.GetAsync(file.Url)).StatusCode);

        // Once public content uses it too, everyone may fetch it; when that goes, the rule holds again.
        var poster = await site.PublishPageAsync("Offentlig plakat med skemaet", $"![Skema]({file.Url})", Audience.Offentlig);
        Assert.Equal(HttpStatusCode.OK, (await site.Anonymous.GetAsync(file.Url)).StatusCode);
        await site.Site.WithStoreAsync(async s => { await s.UnpublishAsync(poster.Id); return 0; });
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous.GetAsync(file.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.Staff.GetAsync(file.Url)).StatusCode);
        Assert.NotNull(page);
    }

    [Fact]
    public async Task The_seeded_staff_deck_file_is_hidden_from_volunteers()
    {
        // "Motiverende Interview – grundkursus" is for staff only.
        Assert.Equal(HttpStatusCode.NotFound, (await site.Volunteer.GetAsync("/medier/motiverende-interview-grundkursus.pptx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.Staff.GetAsync("/medier/motiverende-interview-grundkursus.pptx")).StatusCode);
        // A volunteer deck's file: volunteers yes, anonymous no.
        Assert.Equal(HttpStatusCode.OK, (await site.Volunteer.GetAsync("/medier/nada-i-praksis.pptx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous.GetAsync("/medier/nada-i-praksis.pptx")).StatusCode);
    }

    [Fact]
    public async Task A_file_nothing_uses_is_for_editors_only()
    {
        var file = await site.UploadAsync("ubrugt.png", MediaSite.Png, "Et billede, ingen bruger endnu");

        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous.GetAsync(file.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Staff.GetAsync(file.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.Admin.GetAsync(file.Url)).StatusCode);
    }

    [Theory]
    [InlineData("/medier/..%2Fvidenscenter.db")]
    [InlineData("/medier/VIDENSCENTER.DB")]
    [InlineData("/medier/findes-ikke.png")]
    [InlineData("/medier/.upload-1.tmp")]
    public async Task Names_the_library_could_not_have_made_are_404(string url) =>
        Assert.Equal(HttpStatusCode.NotFound, (await site.Admin.GetAsync(url)).StatusCode);

    [Fact]
    public async Task An_image_is_served_as_a_profile_copy_in_webp_when_the_browser_takes_it_and_versioned_urls_are_cached_long()
    {
        var big = Gradient(800, 480);
        var file = await site.UploadAsync("stort-foto.png", big, "Stort testbillede");

        var png = await site.Admin.GetAsync(file.Url + "?w=200");
        using var request = new HttpRequestMessage(HttpMethod.Get, file.Url + "?w=640&v=" + file.Sha256[..8]);
        request.Headers.Accept.ParseAdd("image/avif,image/webp,*/*");
        var webp = await site.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        var bytes = await png.Content.ReadAsByteArrayAsync();
        // 200 is rounded up to the 320 profile.
        Assert.Equal(320, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
        Assert.True(png.Headers.CacheControl is { Private: true, NoCache: true, MaxAge: null }, png.Headers.CacheControl?.ToString());
        Assert.Contains("Accept", png.Headers.Vary);
        Assert.Equal("image/webp", webp.Content.Headers.ContentType?.MediaType);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString((await webp.Content.ReadAsByteArrayAsync())[..4]));
        Assert.True(webp.Headers.CacheControl is { Private: true, NoCache: false } cache && cache.MaxAge == TimeSpan.FromDays(365), webp.Headers.CacheControl?.ToString());
        Assert.NotNull(webp.Headers.ETag);
    }

    [Fact]
    public async Task An_upload_refused_by_its_content_is_refused_before_anything_is_stored()
    {
        var before = Directory.GetFiles(site.MediaFolder, "*", SearchOption.AllDirectories).Order().ToList();
        var form = await site.Admin.GetStringAsync("/admin/medier");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(SiteFactory.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new StringContent("En plakat"), "AltText" },
        };
        var exe = new ByteArrayContent([.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF]);
        exe.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(exe, "Upload", "plakat.png");

        var response = await site.Admin.PostAsync("/admin/medier", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = SiteFactory.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("«plakat.png» er ikke et PNG-billede", page.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal("En plakat", page.QuerySelector("#AltText")!.GetAttribute("value"));
        Assert.Equal("true", page.QuerySelector("#Upload")!.GetAttribute("aria-invalid"));
        Assert.Contains("upload-fejl", page.QuerySelector("#Upload")!.GetAttribute("aria-describedby"));
        Assert.Equal(before, Directory.GetFiles(site.MediaFolder, "*", SearchOption.AllDirectories).Order().ToList());
        Assert.DoesNotContain(await site.Library.ListAsync(), f => f.OriginalName == "plakat.png");
    }

    [Fact]
    public async Task An_upload_through_the_admin_page_is_stored_and_shown_with_where_it_is_used()
    {
        var form = await site.Admin.GetStringAsync("/admin/medier");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(SiteFactory.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new StringContent("Deltagere i caféen"), "AltText" },
            { new ByteArrayContent(MediaSite.Png), "Upload", "Café i Psykiatriens Hus.png" },
        };

        var response = await site.Admin.PostAsync("/admin/medier", content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/medier/cafe-i-psykiatriens-hus.png", response.Headers.Location?.OriginalString);
        Assert.True(File.Exists(Path.Combine(site.MediaFolder, "cafe-i-psykiatriens-hus.png")));
        var detail = SiteFactory.Parse(await site.Admin.GetStringAsync("/admin/medier/cafe-i-psykiatriens-hus.png"));
        Assert.Equal("cafe-i-psykiatriens-hus.png", detail.QuerySelector("h1")!.TextContent);
        Assert.Contains("Intet indhold bruger filen.", detail.QuerySelector("#brug")!.TextContent);
        var list = SiteFactory.Parse(await site.Admin.GetStringAsync("/admin/medier"));
        Assert.Contains(list.QuerySelectorAll(".media-table img"), img => img.GetAttribute("src")!.StartsWith("/medier/cafe-i-psykiatriens-hus.png?", StringComparison.Ordinal)
                                                                         && img.GetAttribute("srcset")!.Contains("/medier/cafe-i-psykiatriens-hus.png?w=", StringComparison.Ordinal)
                                                                         && img.GetAttribute("loading") == "lazy"
                                                                         && img.GetAttribute("alt") == "Deltagere i caféen");
    }

    [Fact]
    public async Task A_file_in_use_cannot_be_deleted_and_the_page_says_where_it_is_used()
    {
        var html = await site.Admin.GetStringAsync("/admin/medier/nada-i-praksis.pptx");
        var page = SiteFactory.Parse(html);
        Assert.Contains("NADA i praksis", page.QuerySelector("#brug")!.TextContent);
        Assert.Null(page.QuerySelector("button.button-danger"));

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(html),
        });
        var response = await site.Admin.PostAsync("/admin/medier/nada-i-praksis.pptx?handler=Delete", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("kan ikke slettes", await response.Content.ReadAsStringAsync());
        Assert.True(File.Exists(Path.Combine(site.MediaFolder, "nada-i-praksis.pptx")));
    }

    [Fact]
    public async Task The_media_admin_is_for_editors_only()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await site.Staff.GetAsync("/admin/medier")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await site.Anonymous.GetAsync("/admin/medier")).StatusCode);
    }

    [Fact]
    public async Task A_deck_is_searched_by_the_slides_of_its_file_and_a_hit_links_to_the_slide()
    {
        // The seed NADA deck with a word added on its slide 2 that is nowhere else on the site.
        using var stream = new MemoryStream();
        stream.Write(await File.ReadAllBytesAsync(MediaSite.RepoFile("content-seed/slides/filer/nada-i-praksis.pptx")));
        using (var document = PresentationDocument.Open(stream, true))
        {
            var presentation = document.PresentationPart!;
            var second = presentation.Presentation.SlideIdList!.Elements<P.SlideId>().ElementAt(1);
            var slide = (SlidePart)presentation.GetPartById(second.RelationshipId!);
            slide.Slide.Descendants<A.Text>().Last().Text += " Husk zebrafinkerne.";
        }
        var file = await site.UploadAsync("nada-med-zebrafinker.pptx", stream.ToArray());
        var created = await site.Site.WithStoreAsync(s => s.CreateAsync(new ContentDraft
        {
            Type = "SlideDeck",
            Title = "NADA med en hilsen",
            Audience = Audience.Offentlig,
            Fields = new() { ["file"] = file.Name },
        }, "test"));
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        await site.Site.WithStoreAsync(s => s.PublishAsync(created.Item!.Id));

        var json = JsonDocument.Parse(await site.Anonymous.GetStringAsync("/api/search?q=zebrafinkerne"));
        var deckHit = Assert.Single(json.RootElement.GetProperty("hits").EnumerateArray());
        Assert.Equal("/slides/nada-med-en-hilsen", deckHit.GetProperty("url").GetString());
        var slideUrls = deckHit.GetProperty("slides").EnumerateArray().Select(s => s.GetProperty("url").GetString()).ToList();
        Assert.Contains("/slides/nada-med-en-hilsen#slide-2", slideUrls);
        var deckPage = SiteFactory.Parse(await site.Anonymous.GetStringAsync("/slides/nada-med-en-hilsen"));
        Assert.Contains("zebrafinkerne", deckPage.QuerySelector("#slide-2")!.TextContent);
        Assert.Equal("/medier/nada-med-zebrafinker.pptx", deckPage.QuerySelector(".deck-download a")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, (await site.Anonymous.GetAsync("/medier/nada-med-zebrafinker.pptx")).StatusCode);
    }

    [Fact]
    public async Task The_seeded_decks_have_their_files_and_show_every_slide()
    {
        var deck = await site.Site.WithStoreAsync(s => s.GetPublishedAsync("SlideDeck", "introduktion-til-recovery", Audience.Medarbejder));

        Assert.Equal("introduktion-til-recovery.pptx", deck!.Text("file"));
        var page = SiteFactory.Parse(await site.Volunteer.GetStringAsync("/slides/introduktion-til-recovery"));
        Assert.Equal(Enumerable.Range(1, 8).Select(n => $"slide-{n}"), page.QuerySelectorAll("section.slide").Select(s => s.Id));
        Assert.Contains("Klinisk og personlig recovery", page.QuerySelector("#slide-3 h3")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/kurser/hvad-er-recovery-introduktionskursus");
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/metoder/recovery-orienteret-rehabilitering");
    }

    /// <summary>A PNG big enough to shrink, made by the media test helper's rules: RGB rows with filter 0.</summary>
    private static byte[] Gradient(int width, int height)
    {
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var i = y * (1 + width * 3) + 1 + x * 3;
                raw[i] = (byte)x; raw[i + 1] = (byte)y; raw[i + 2] = 0x80;
            }
        using var compressed = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) z.Write(raw);
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        byte[] header = [.. BigEndian(width), .. BigEndian(height), 8, 2, 0, 0, 0];
        Chunk(png, "IHDR"u8.ToArray(), header);
        Chunk(png, "IDAT"u8.ToArray(), compressed.ToArray());
        Chunk(png, "IEND"u8.ToArray(), []);
        return png.ToArray();

        static byte[] BigEndian(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];
        static void Chunk(Stream s, byte[] type, byte[] data)
        {
            s.Write(BigEndian(data.Length));
            byte[] typed = [.. type, .. data];
            s.Write(typed);
            var crc = 0xFFFFFFFFu;
            foreach (var b in typed)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
            s.Write(BigEndian((int)~crc));
        }
    }
}
