using Microsoft.Playwright;

namespace Videnscenter.Browser.Tests.Accounts;

[Collection(SiteCollection.Name)]
public sealed class LoginTests(SiteFixture site)
{
    [Fact]
    public async Task Login_page_has_labelled_fields_and_is_accessible()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/konto/log-ind");

        Assert.Equal(200, response!.Status);
        Assert.Equal("Log ind", (await page.Locator("main h1").InnerTextAsync()).Trim());
        Assert.True(await page.GetByLabel("Brugernavn").IsVisibleAsync());
        Assert.True(await page.GetByLabel("Adgangskode").IsVisibleAsync());
        Assert.Equal("password", await page.Locator("#Password").GetAttributeAsync("type"));
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Log ind", Exact = true }).IsVisibleAsync());

        await Axe.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Failed_login_shows_a_Danish_error_and_is_accessible()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        // A user that does not exist: no lockout counter on the real admin account.
        await site.SignInAsync(page, "ingen-saadan-bruger", "Forkert-Adgangskode-123");

        var alert = page.Locator("main [role=alert]");
        Assert.True(await alert.IsVisibleAsync());
        // One answer for an unknown user, a wrong password and a locked account (names cannot be collected).
        Assert.StartsWith("Brugernavnet eller adgangskoden er forkert, eller kontoen er låst.", (await alert.InnerTextAsync()).Trim());
        Assert.EndsWith("/konto/log-ind", new Uri(page.Url).AbsolutePath);
        Assert.Equal("ingen-saadan-bruger", await page.Locator("#UserName").InputValueAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).CountAsync());

        await Axe.AssertAccessibleAsync(page);
    }
}
