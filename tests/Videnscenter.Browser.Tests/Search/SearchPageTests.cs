namespace Videnscenter.Browser.Tests.Search;

[Collection(SiteCollection.Name)]
public sealed class SearchPageTests(SiteFixture site)
{
    [Fact]
    public async Task Search_for_recovery_shows_a_result_count_and_is_accessible()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/soeg?q=recovery");

        Assert.Equal(200, response!.Status);
        Assert.True(await page.Locator("main h1").IsVisibleAsync());
        // The search page has one search box, its own (the header's is left out there).
        Assert.Equal("recovery", await page.Locator("#search-q").InputValueAsync());
        Assert.Equal(0, await page.Locator("#site-search").CountAsync());
        Assert.Matches(@"\d+ (resultat|resultater|emne|emner|træf)\b", await page.Locator("main").InnerTextAsync());

        await Axe.AssertAccessibleAsync(page);
    }
}
