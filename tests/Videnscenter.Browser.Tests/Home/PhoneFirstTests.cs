using Microsoft.Playwright;

namespace Videnscenter.Browser.Tests.Home;

/// <summary>
/// Phone first (issue 12): on every page type at 390 px and 1280 px, axe finds nothing, nothing
/// sticks out sideways, the page's heading is within the first screen, and there is one search box.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class PhoneFirstTests(SiteFixture site)
{
    public static readonly TheoryData<string, int> PageTypes = Cross(
        ["/", "/metoder", "/metoder/nada", "/kurser", "/kurser/nada-og-ro-i-kroppen", "/begivenheder", "/begivenheder/sindets-dag-2026",
         "/samarbejdspartnere/lap", "/sider/kontakt", "/sider/tilgaengelighedserklaering", "/sider/privatliv-og-cookies", "/feeds",
         "/soeg?q=recovery", "/konto/log-ind", "/findes-ikke"],
        [390, 1280]);

    private static TheoryData<string, int> Cross(string[] paths, int[] widths)
    {
        var data = new TheoryData<string, int>();
        foreach (var p in paths) foreach (var w in widths) data.Add(p, w);
        return data;
    }

    private async Task<(IBrowserContext Context, IPage Page)> OpenAsync(int width, bool javaScript = true)
    {
        var context = await site.Browser.NewContextAsync(new()
        {
            BaseURL = site.BaseUrl, Locale = "da-DK", JavaScriptEnabled = javaScript,
            ViewportSize = new() { Width = width, Height = width < 600 ? 844 : 800 },
        });
        return (context, await context.NewPageAsync());
    }

    [Theory, MemberData(nameof(PageTypes))]
    public async Task Page_type_is_accessible_fits_the_width_and_starts_within_the_first_screen(string path, int width)
    {
        var (context, page) = await OpenAsync(width);
        await using var _ = context;
        var response = await page.GotoAsync(path);
        Assert.Equal(path == "/findes-ikke" ? 404 : 200, response!.Status);
        await Screenshots.SaveAsync(page, $"-{width}px", maxHeight: 1800);

        // The elements sticking out past the right edge, innermost first, to say what to fix.
        var overflow = await page.EvaluateAsync<string[]>("""
            () => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return [];
              return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > width + 1))
                .slice(0, 10)
                .map(e => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : ''} right=${Math.round(e.getBoundingClientRect().right)}`);
            }
            """);
        Assert.True(overflow.Length == 0, $"{path} er for bred ved {width} px; disse elementer stikker ud:\n" + string.Join("\n", overflow));

        // The page's own heading, and the first thing after it, are within the first screen.
        var viewport = page.ViewportSize!.Height;
        var h1 = await page.Locator("main h1").First.BoundingBoxAsync();
        Assert.NotNull(h1);
        Assert.True(h1!.Y + h1.Height < viewport * 0.6, $"Overskriften på {path} står {h1.Y:0} px nede ved {width} px.");
        // On a list or the search page, the first item (a card, a hit) begins within the first screen too.
        var first = page.Locator("main :is(.card-grid, .hits) > li").First;
        if (await first.CountAsync() > 0)
        {
            var box = await first.BoundingBoxAsync();
            Assert.True(box!.Y + 40 < viewport, $"Det første emne på {path} begynder {box.Y:0} px nede ved {width} px (skærmen er {viewport} px).");
        }

        // One search box: the header's, or on the search page only the page's own.
        Assert.Equal(1, await page.Locator("input[type=search][name=q]").CountAsync());
        await Axe.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task On_a_phone_the_menu_is_a_button_that_opens_the_sections_also_without_JavaScript()
    {
        foreach (var javaScript in new[] { true, false })
        {
            var (context, page) = await OpenAsync(390, javaScript);
            await using var _ = context;
            await page.GotoAsync("/");
            var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" });
            Assert.False(await nav.IsVisibleAsync(), "Menuen er åben fra start på en telefon.");
            var button = page.Locator("summary.menu-button");
            Assert.True(await button.IsVisibleAsync());
            Assert.Equal("Menu", (await button.InnerTextAsync()).Trim());

            await button.ClickAsync();
            Assert.True(await nav.IsVisibleAsync());
            Assert.Equal(Pages.Sections, await nav.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"));
            Assert.True(await page.Locator("#menu").GetByRole(AriaRole.Link, new() { Name = "Log ind" }).IsVisibleAsync());
            // axe runs as a script in the page: only where scripts run.
            if (javaScript) await Axe.AssertAccessibleAsync(page);

            await nav.GetByRole(AriaRole.Link, new() { Name = "Metodekatalog" }).ClickAsync();
            await page.WaitForURLAsync("**/metoder");
        }
    }

    [Fact]
    public async Task On_a_wide_screen_the_menu_is_open_without_a_button()
    {
        var (context, page) = await OpenAsync(1280);
        await using var _ = context;
        await page.GotoAsync("/metoder/nada");
        Assert.True(await page.GetByRole(AriaRole.Navigation, new() { Name = "Hovedmenu" }).IsVisibleAsync());
        Assert.False(await page.Locator("summary.menu-button").IsVisibleAsync());
        // The side column stands beside the text on a wide screen, and below it on a phone.
        var text = await page.Locator("main article .prose").First.BoundingBoxAsync();
        var side = await page.Locator("main aside.side").BoundingBoxAsync();
        Assert.True(side!.X > text!.X + text.Width, "Sidekolonnen står ikke ved siden af teksten.");

        var (phoneContext, phone) = await OpenAsync(390);
        await using var __ = phoneContext;
        await phone.GotoAsync("/metoder/nada");
        var phoneText = await phone.Locator("main article .prose").First.BoundingBoxAsync();
        var phoneSide = await phone.Locator("main aside.side").BoundingBoxAsync();
        Assert.True(phoneSide!.Y > phoneText!.Y, "Sidekolonnen står ikke under teksten på en telefon.");
    }

    [Fact]
    public async Task A_method_prints_without_the_sites_navigation()
    {
        var (context, page) = await OpenAsync(1280);
        await using var _ = context;
        await page.GotoAsync("/metoder/mestringsvejledning");
        var print = page.GetByRole(AriaRole.Button, new() { Name = "Til print" });
        Assert.True(await print.IsVisibleAsync());
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        Assert.False(await page.Locator("header.site-header").IsVisibleAsync());
        Assert.False(await page.Locator("footer.site-footer").IsVisibleAsync());
        Assert.False(await print.IsVisibleAsync());
        Assert.True(await page.Locator("main h1").IsVisibleAsync());
        Assert.True(await page.Locator("table.evidence").IsVisibleAsync());
        // On paper the text takes the whole width: the side column follows it instead of standing beside it.
        var text = await page.Locator("main article .prose").First.BoundingBoxAsync();
        var side = await page.Locator("main aside.side").BoundingBoxAsync();
        Assert.True(side!.Y > text!.Y);
    }
}
