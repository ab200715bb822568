namespace Videnscenter.Browser.Tests.Hosting;

/// <summary>WCAG 1.4.10 Reflow: at 320 CSS px wide nothing may need sideways scrolling (axe cannot check this).</summary>
[Collection(SiteCollection.Name)]
public sealed class NarrowScreenTests(SiteFixture site)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/metoder")]
    [InlineData("/metoder/act-intensivt-udgaaende-team")]
    [InlineData("/kurser/angst-forstaa-og-haandtere")]
    [InlineData("/konto/log-ind")]
    public async Task Page_fits_a_320px_wide_screen_without_sideways_scrolling(string path)
    {
        await using var context = await site.Browser.NewContextAsync(new()
        {
            BaseURL = site.BaseUrl, Locale = "da-DK", ViewportSize = new() { Width = 320, Height = 640 },
        });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        await Screenshots.SaveAsync(page, "-320px", maxHeight: 1400);

        // The elements sticking out past the right edge, innermost first, to say what to fix.
        var overflow = await page.EvaluateAsync<string[]>("""
            () => {
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= width) return [];
              return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > width + 1))
                .slice(0, 10)
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : ''} right=${Math.round(e.getBoundingClientRect().right)}`);
            }
            """);
        Assert.True(overflow.Length == 0, $"{path} er bredere end 320 px; disse elementer stikker ud:\n" + string.Join("\n", overflow));
    }
}
