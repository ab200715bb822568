namespace Videnscenter.Browser.Tests.Hosting;

[Collection(SiteCollection.Name)]
public sealed class KeyboardTests(SiteFixture site)
{
    [Fact]
    public async Task First_tab_focuses_the_skip_link_which_leads_to_the_content()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string[]>(
            "() => [document.activeElement.tagName, document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]");
        Assert.Equal(["A", "Gå til indholdet", "#indhold"], focused);
        // Visible while focused (it is moved off-screen otherwise).
        var box = await page.Locator(".skip-link").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.Y >= 0, $"Springlinket er uden for skærmen ved fokus ({box.X}, {box.Y}).");

        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("indhold", await page.EvaluateAsync<string>("() => document.activeElement.id"));
    }
}
