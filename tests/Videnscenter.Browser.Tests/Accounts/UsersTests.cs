using Microsoft.Playwright;

namespace Videnscenter.Browser.Tests.Accounts;

/// <summary>The user admin (/admin/brugere), the audit log (/admin/log) and "Skift adgangskode" as a person uses them.</summary>
[Collection(SiteCollection.Name)]
public sealed class UsersTests(SiteFixture site)
{
    [Fact]
    public async Task An_administrator_creates_a_user_sees_the_password_once_and_every_page_is_accessible()
    {
        await using var context = await site.NewAdminContextAsync();
        var page = await context.NewPageAsync();

        Assert.Equal(200, (await page.GotoAsync("/admin/brugere"))!.Status);
        Assert.Equal("Brugere", (await page.Locator("main h1").InnerTextAsync()).Trim());
        Assert.True(await page.GetByRole(AriaRole.Cell, new() { Name = "Administrator" }).First.IsVisibleAsync());
        await Axe.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Opret en bruger" }).ClickAsync();
        Assert.EndsWith("/admin/brugere/ny", page.Url);
        await Axe.AssertAccessibleAsync(page);

        // A mistake first: the message sits at the field, and what was typed is still there.
        var name = $"bente.{Guid.NewGuid():N}"[..12];
        await page.GetByLabel("Brugernavn").FillAsync(name);
        await page.GetByLabel("E-mail (valgfri)").FillAsync("ikke-en-adresse");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Frivillig" }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Giv brugeren en adgangskode" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret brugeren" }).ClickAsync();
        Assert.True(await page.Locator("[role=alert]").IsVisibleAsync());
        Assert.Contains("gyldig e-mailadresse", await page.Locator("#email-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(name, await page.GetByLabel("Brugernavn").InputValueAsync());
        Assert.True(await page.GetByRole(AriaRole.Checkbox, new() { Name = "Frivillig" }).IsCheckedAsync());
        await Axe.AssertAccessibleAsync(page);

        await page.GetByLabel("E-mail (valgfri)").FillAsync("bente@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opret brugeren" }).ClickAsync();
        Assert.Equal("Brugeren er oprettet", (await page.Locator("main h1").InnerTextAsync()).Trim());
        var password = (await page.Locator("code.secret").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$", password);
        Assert.Contains("vises ikke igen", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Se og ret brugeren" }).ClickAsync();
        Assert.Equal(name, (await page.Locator("main h1").InnerTextAsync()).Trim());
        Assert.DoesNotContain(password, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.True(await page.GetByRole(AriaRole.Checkbox, new() { Name = "Frivillig" }).IsCheckedAsync());
        await Axe.AssertAccessibleAsync(page);

        // A new password, generated and shown once.
        await page.GetByRole(AriaRole.Button, new() { Name = "Giv en ny adgangskode" }).ClickAsync();
        var second = (await page.Locator("code.secret").InnerTextAsync()).Trim();
        Assert.NotEqual(password, second);
        await Axe.AssertAccessibleAsync(page);

        // Blocking and lifting it again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Spær brugeren" }).ClickAsync();
        Assert.Contains("er spærret", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ophæv spærringen" }).ClickAsync();
        Assert.Contains("kan logge ind igen", await page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_shows_what_happened_filters_and_is_accessible()
    {
        await using var context = await site.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync("/admin/log"))!.Status);
        Assert.Equal("Logbog", (await page.Locator("main h1").InnerTextAsync()).Trim());
        Assert.Matches(@"\d+ hændelser", await page.Locator("main [role=status]").InnerTextAsync());
        await Axe.AssertAccessibleAsync(page);

        await page.GetByLabel("Handling").SelectOptionAsync(new SelectOptionValue { Label = "Loggede ind" });
        await page.GetByLabel("Bruger", new() { Exact = true }).FillAsync("admin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis" }).ClickAsync();
        Assert.Contains("handling=SignInSucceeded", page.Url, StringComparison.Ordinal);
        var rows = page.Locator("tbody tr");
        Assert.True(await rows.CountAsync() >= 1);
        Assert.Equal("Loggede ind", (await rows.First.Locator("td").Nth(2).InnerTextAsync()).Trim());
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Nulstil filtrene" }).IsVisibleAsync());
        await Axe.AssertAccessibleAsync(page);

        await page.GotoAsync("/admin/log?fra=forleden");
        Assert.Contains("skal være en dato", await page.Locator("#fra-error").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_change_password_page_explains_mistakes_at_the_fields_and_is_accessible()
    {
        await using var context = await site.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "skift adgangskode" }).ClickAsync();
        Assert.EndsWith("/konto/adgangskode", page.Url);
        Assert.Equal("Skift adgangskode", (await page.Locator("main h1").InnerTextAsync()).Trim());
        await Axe.AssertAccessibleAsync(page);

        // Wrong current password: a message at that field; nothing changes, and the session is untouched.
        await page.GetByLabel("Nuværende adgangskode").FillAsync("Forkert-Kodeord-123");
        await page.GetByLabel("Ny adgangskode", new() { Exact = true }).FillAsync("Helt-Ny-Kode-2027");
        await page.GetByLabel("Gentag den nye adgangskode").FillAsync("Helt-Ny-Kode-2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skift adgangskode" }).ClickAsync();
        Assert.Contains("forkert", await page.Locator("#current-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.Locator("#CurrentPassword").GetAttributeAsync("aria-invalid"));
        Assert.True(await page.Locator("[role=alert]").IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).IsVisibleAsync());
        await Axe.AssertAccessibleAsync(page);
    }
}
