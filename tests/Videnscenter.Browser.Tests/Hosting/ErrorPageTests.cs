namespace Videnscenter.Browser.Tests.Hosting;

[Collection(SiteCollection.Name)]
public sealed class ErrorPageTests(SiteFixture site)
{
    [Fact]
    public async Task Unknown_item_answers_404_with_a_Danish_page_and_is_accessible()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/metoder/findes-ikke");

        Assert.Equal(404, response!.Status);
        var h1 = page.Locator("main h1");
        Assert.True(await h1.IsVisibleAsync());
        Assert.Contains("Siden findes ikke", await page.Locator("main").InnerTextAsync());
        Assert.True(await page.Locator("main a[href='/']").IsVisibleAsync(), "404-siden mangler et link til forsiden.");

        await Axe.AssertAccessibleAsync(page);
    }
}
