using Microsoft.Playwright;

namespace Videnscenter.Browser.Tests.Media;

/// <summary>The slide archive's deck page, a search hit landing on its slide, and the media library admin.</summary>
[Collection(SiteCollection.Name)]
public sealed class MediaAndSlidesTests(SiteFixture site)
{
    private const string Deck = "/slides/introduktion-til-recovery";

    /// <summary>A real 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task The_deck_page_shows_every_slide_a_download_and_its_course_and_is_accessible()
    {
        // The deck is for volunteers and staff; the administrator may read it.
        await using var context = await site.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(Deck);

        Assert.Equal(200, response!.Status);
        Assert.Equal("Introduktion til recovery", (await page.Locator("main h1").InnerTextAsync()).Trim());
        Assert.Equal(8, await page.Locator("section.slide").CountAsync());
        Assert.Equal("slide-3", await page.Locator("section.slide").Nth(2).GetAttributeAsync("id"));
        var download = page.GetByRole(AriaRole.Link, new() { Name = "Hent præsentationen" });
        Assert.Equal("/medier/introduktion-til-recovery.pptx", await download.GetAttributeAsync("href"));
        Assert.True(await page.Locator("main a[href='/kurser/hvad-er-recovery-introduktionskursus']").IsVisibleAsync());

        await Axe.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_search_hit_for_a_word_on_slide_3_lands_on_slide_3()
    {
        await using var context = await site.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/soeg?q=klinisk");

        var hit = page.Locator($"ol.hits a[href='{Deck}#slide-3']");
        Assert.Equal(1, await hit.CountAsync());
        Assert.Contains("slide 3", await hit.InnerTextAsync());
        await hit.ClickAsync();
        await page.WaitForURLAsync($"**{Deck}#slide-3");

        var slide = page.Locator("#slide-3");
        Assert.True(await slide.IsVisibleAsync());
        Assert.Contains("Klinisk og personlig recovery", await slide.Locator("h3").InnerTextAsync());
        // The browser treats it as the target (highlighted by :target) and has scrolled it into view.
        Assert.Equal(1, await page.Locator("section.slide:target").CountAsync());
        Assert.True(await slide.EvaluateAsync<bool>("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; }"));
    }

    [Fact]
    public async Task The_media_library_lists_files_refuses_a_bad_upload_clearly_and_is_accessible()
    {
        await using var context = await site.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/admin/medier");

        Assert.Equal(200, response!.Status);
        Assert.Equal("Mediebibliotek", (await page.Locator("main h1").InnerTextAsync()).Trim());
        Assert.True(await page.Locator(".media-table tbody tr").CountAsync() >= 6, "De seks præsentationer fra startindholdet mangler.");
        await Axe.AssertAccessibleAsync(page);

        // A program dressed up as an image: refused, with the message at the top and at the field.
        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = "plakat.png", MimeType = "image/png", Buffer = [.. "MZ"u8, 0x90, 0, 3, 0] });
        await page.Locator("#AltText").FillAsync("Plakat for Sindets Dag");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload filen" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);

        var summary = page.Locator(".error-summary");
        Assert.True(await summary.IsVisibleAsync());
        Assert.Contains("«plakat.png» er ikke et PNG-billede", await summary.InnerTextAsync());
        Assert.Equal("Plakat for Sindets Dag", await page.Locator("#AltText").InputValueAsync());
        Assert.Contains("upload-fejl", await page.Locator("#Upload").GetAttributeAsync("aria-describedby"));
        await Axe.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task An_uploaded_image_gets_its_own_page_with_preview_and_is_accessible()
    {
        await using var context = await site.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/medier");

        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = "Café-hjørnet.png", MimeType = "image/png", Buffer = Png });
        await page.Locator("#AltText").FillAsync("Hjørnet i caféen med bøger og en lænestol");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload filen" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/medier/cafe-hjoernet.png");

        Assert.Equal("cafe-hjoernet.png", (await page.Locator("main h1").InnerTextAsync()).Trim());
        Assert.Contains("er uploadet", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Equal("Hjørnet i caféen med bøger og en lænestol", await page.Locator(".media-detail-preview img").GetAttributeAsync("alt"));
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Slet cafe-hjoernet.png" }).IsVisibleAsync());
        await Axe.AssertAccessibleAsync(page);
    }
}
