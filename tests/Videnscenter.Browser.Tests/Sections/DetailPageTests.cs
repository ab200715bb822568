using Microsoft.Playwright;

namespace Videnscenter.Browser.Tests.Sections;

[Collection(SiteCollection.Name)]
public sealed class DetailPageTests(SiteFixture site)
{
    /// <summary>Section, and whether its items are for staff/volunteers only (so the reader must sign in).</summary>
    public static TheoryData<string, bool> Sections => new()
    {
        { "/metoder", false },
        { "/kurser", false },
        { "/begivenheder", false },
        { "/kompetenceprofiler", true },
        { "/samarbejdspartnere", false },
        { "/slides", true },
        { "/sider", false },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public async Task First_item_of_each_section_shows_its_content_and_is_accessible(string section, bool signIn)
    {
        await using var context = signIn ? await site.NewAdminContextAsync() : await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(section);
        var first = page.Locator(Pages.ItemLinks(section)).First;
        Assert.True(await first.IsVisibleAsync(), $"{section} viser ingen emner at åbne.");
        var title = (await first.InnerTextAsync()).Trim();
        var href = await first.GetAttributeAsync("href");
        Assert.StartsWith(section + "/", href);

        var response = await page.RunAndWaitForResponseAsync(() => first.ClickAsync(), r => r.Url.EndsWith(href!, StringComparison.Ordinal));
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.Equal(200, response.Status);
        Assert.EndsWith(href!, page.Url);

        var h1 = page.Locator("main h1");
        Assert.True(await h1.IsVisibleAsync());
        Assert.Equal(title, (await h1.InnerTextAsync()).Trim());
        Assert.StartsWith(title, await page.TitleAsync());
        // The breadcrumb leads back to the section, and the item has some content below its heading.
        var crumbs = page.GetByRole(AriaRole.Navigation, new() { Name = "Brødkrumme" });
        Assert.True(await crumbs.Locator($"a[href='{section}']").IsVisibleAsync());
        Assert.True(await page.Locator("main article").IsVisibleAsync());
        Assert.True((await page.Locator("main article").InnerTextAsync()).Length > title.Length + 40,
            $"{href} viser næsten intet indhold.");

        await Axe.AssertAccessibleAsync(page);
    }
}
