using Microsoft.Playwright;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Videnscenter.Browser.Tests.Media;

/// <summary>
/// An editor's wide photo in a page body: on a phone (390 px) and on a laptop (1280 px) it stays
/// inside its column, and the browser picks a profile copy that fits instead of the 1600 px original.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class ResponsiveImageTests(SiteFixture site)
{
    private const string PagePath = "/sider/side-med-bredt-billede";
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _published;

    [Theory]
    [InlineData(390, 640)]
    [InlineData(1280, 960)]
    public async Task A_wide_image_in_a_body_fits_its_column_with_a_fitting_profile_copy(int viewport, int expectedProfile)
    {
        await PublishPageWithWideImageAsync();
        await using var context = await site.Browser.NewContextAsync(new()
        {
            BaseURL = site.BaseUrl, Locale = "da-DK", ViewportSize = new() { Width = viewport, Height = 900 },
        });
        var page = await context.NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync(PagePath))!.Status);

        var image = page.Locator(".prose img");
        Assert.Equal("Bred plakat for Sindets Dag", await image.GetAttributeAsync("alt"));
        Assert.Equal("lazy", await image.GetAttributeAsync("loading"));
        Assert.Equal("1600", await image.GetAttributeAsync("width"));
        Assert.Equal("900", await image.GetAttributeAsync("height"));
        Assert.Contains("w=1280", await image.GetAttributeAsync("srcset"));
        Assert.NotNull(await image.GetAttributeAsync("sizes"));
        await image.ScrollIntoViewIfNeededAsync();
        await image.EvaluateAsync("img => img.complete && img.naturalWidth > 0 ? null : new Promise(r => img.addEventListener('load', r, { once: true }))");

        var measured = await page.EvaluateAsync<double[]>("""
            () => {
              const img = document.querySelector('.prose img');
              const column = img.closest('.prose').getBoundingClientRect();
              const box = img.getBoundingClientRect();
              return [box.left, box.right, column.left, column.right, document.documentElement.clientWidth, document.documentElement.scrollWidth, box.width, box.height];
            }
            """);
        var (left, right, columnLeft, columnRight, clientWidth, scrollWidth, width, height) =
            (measured[0], measured[1], measured[2], measured[3], measured[4], measured[5], measured[6], measured[7]);
        Assert.True(left >= columnLeft - 0.5 && right <= columnRight + 0.5, $"Billedet ({left:0}-{right:0}) stikker ud af spalten ({columnLeft:0}-{columnRight:0}) ved {viewport} px");
        Assert.True(scrollWidth <= clientWidth, $"Siden er {scrollWidth} px bred ved {viewport} px skærm");
        Assert.InRange(width / height, 1600 / 900.0 - 0.02, 1600 / 900.0 + 0.02);
        var chosen = await image.EvaluateAsync<string>("img => img.currentSrc");
        Assert.Contains($"w={expectedProfile}&", chosen);
    }

    /// <summary>Uploads a 1600 × 900 photo and publishes a page showing it, through the admin pages, once per run.</summary>
    private async Task PublishPageWithWideImageAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_published) return;
            await using var context = await site.NewAdminContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync("/admin/medier");
            await page.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = "bred-plakat.png", MimeType = "image/png", Buffer = WidePng() });
            await page.Locator("#AltText").FillAsync("Plakat for Sindets Dag");
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload filen" }).ClickAsync();
            await page.WaitForURLAsync("**/admin/medier/bred-plakat.png");

            await page.GotoAsync("/admin/indhold/sider/ny");
            await page.Locator("#titel").FillAsync("Side med bredt billede");
            await page.Locator("#broedtekst").FillAsync("Programmet for Sindets Dag.\n\n![Bred plakat for Sindets Dag](/medier/bred-plakat.png)\n\nVel mødt.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Udgiv", Exact = true }).ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);
            _published = true;
        }
        finally
        {
            Once.Release();
        }
    }

    private static byte[] WidePng()
    {
        using var image = new Image<Rgb24>(1600, 900, new Rgb24(11, 93, 82));
        using var output = new MemoryStream();
        image.SaveAsPng(output);
        return output.ToArray();
    }

    [Fact]
    public async Task The_image_picker_inserts_the_chosen_image_at_the_cursor_without_leaving_the_page_and_is_accessible()
    {
        await PublishPageWithWideImageAsync();
        await using var context = await site.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/indhold/sider/ny");
        var body = page.Locator("#broedtekst");
        await body.FillAsync("Første afsnit.\nAndet afsnit.");
        // The cursor at the end of the first line.
        await body.EvaluateAsync("t => t.setSelectionRange(14, 14)");

        await page.Locator("details.image-picker summary").ClickAsync();
        await page.Locator("#billedvalg").SelectOptionAsync("bred-plakat.png");
        var url = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "Indsæt billedet" }).ClickAsync();

        Assert.Equal(url, page.Url);
        Assert.Equal("Første afsnit.\n\n![Plakat for Sindets Dag](/medier/bred-plakat.png)\n\nAndet afsnit.", await body.InputValueAsync());
        Assert.Contains("er sat ind", await page.Locator("[data-image-status]").InnerTextAsync());
        await Axe.AssertAccessibleAsync(page);
    }
}
