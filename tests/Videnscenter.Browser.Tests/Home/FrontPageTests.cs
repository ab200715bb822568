using Microsoft.Playwright;

namespace Videnscenter.Browser.Tests.Home;

[Collection(SiteCollection.Name)]
public sealed class FrontPageTests(SiteFixture site)
{
    /// <summary>The recipe's tagline, which the front page shows as its heading.</summary>
    private const string SeededTagline = "Viden om recovery, metoder og tilbud samlet ét sted";

    [Fact]
    public async Task Front_page_shows_the_centre_and_every_section_and_is_accessible()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/");

        Assert.Equal(200, response!.Status);
        var h1 = page.Locator("h1");
        Assert.True(await h1.IsVisibleAsync());
        // The heading is the centre's tagline (a site setting); the lead under it names the centre.
        Assert.Equal(SeededTagline, (await h1.InnerTextAsync()).Trim());
        Assert.Contains("Videnscenter for Center for Psykiatri", await page.Locator(".hero .lead").InnerTextAsync());

        var nav = await Pages.NavSectionsAsync(page);
        Assert.Equal(Pages.Sections.Order(), nav.Keys.Order());
        // Every section but the loose pages (/sider, reached from the intro list) has a card in "Det finder du her".
        foreach (var (href, name) in nav.Where(n => n.Key != "/sider"))
            Assert.True(await page.Locator($"main .card-grid a[href='{href}']").IsVisibleAsync(), $"Forsiden mangler et kort for {name} ({href}).");

        await Axe.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Theme_stylesheet_is_served_and_applied()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var failed = new List<string>();
        page.RequestFailed += (_, r) => failed.Add(r.Url);
        page.Response += (_, r) => { if (r.Status >= 400) failed.Add($"{r.Status} {r.Url}"); };
        await page.GotoAsync("/");

        Assert.True(failed.Count == 0, "Forsiden kunne ikke hente:\n" + string.Join("\n", failed));
        var headerBackground = await page.Locator("header.site-header").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(11, 93, 82)", headerBackground);
    }

    [Fact]
    public async Task Front_page_signed_in_as_admin_shows_the_user_and_log_out()
    {
        await using var context = await site.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        var account = page.Locator("header .account");
        var name = account.Locator(".account-name");
        Assert.True(await name.IsVisibleAsync());
        Assert.StartsWith(SiteFixture.AdminUserName, (await name.InnerTextAsync()).Trim());
        Assert.True(await account.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).IsVisibleAsync());
        Assert.Equal(0, await account.GetByRole(AriaRole.Link, new() { Name = "Log ind" }).CountAsync());
        Assert.Equal(SeededTagline, (await page.Locator("h1").InnerTextAsync()).Trim());

        await Axe.AssertAccessibleAsync(page);
    }
}
