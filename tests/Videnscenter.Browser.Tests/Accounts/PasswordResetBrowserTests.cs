using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Videnscenter.Web.Tests.Mail;

namespace Videnscenter.Browser.Tests.Accounts;

/// <summary>Forgot password in the browser: the link arrives at the real SMTP server and works once.</summary>
[Collection(SiteCollection.Name)]
public sealed partial class PasswordResetBrowserTests(SiteFixture site)
{
    [SmtpFact]
    public async Task A_reset_link_by_mail_sets_a_new_password_once()
    {
        // An administrator creates the user with an e-mail address.
        var email = TestSmtp.NewRecipient("glemsom");
        var userName = "glemsom" + Guid.NewGuid().ToString("N")[..6];
        await using (var admin = await site.NewAdminContextAsync())
        {
            var page = await admin.NewPageAsync();
            await page.GotoAsync("/admin/brugere/ny");
            await page.GetByLabel("Brugernavn", new() { Exact = true }).FillAsync(userName);
            await page.GetByLabel("E-mail (valgfri)").FillAsync(email);
            await page.GetByLabel("Giv brugeren en adgangskode").CheckAsync();
            await page.GetByLabel("Adgangskode (valgfri)").FillAsync("Start-Kode-2026-x");
            await page.Locator("main form button[type=submit]").ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);
        }

        await using var context = await site.NewContextAsync();
        var reader = await context.NewPageAsync();
        await reader.GotoAsync("/konto/log-ind");
        await reader.GetByRole(AriaRole.Link, new() { Name = "få et link til at vælge en ny" }).ClickAsync();
        await reader.GetByLabel("E-mail eller brugernavn").FillAsync(email);
        await reader.GetByRole(AriaRole.Button, new() { Name = "Send mig et link" }).ClickAsync();
        await reader.WaitForLoadStateAsync(LoadState.Load);
        Assert.Contains("Hvis der findes en konto", await reader.Locator("main").InnerTextAsync());
        await Axe.AssertAccessibleAsync(reader);

        var mail = Assert.Single(await TestSmtp.WaitForAsync(email));
        var link = LinkPattern().Match(mail.TextBody ?? "").Value;
        await reader.GotoAsync(link);
        await reader.GetByLabel("Ny adgangskode", new() { Exact = true }).FillAsync("Ny-Kode-Fra-Mail-2027");
        await reader.GetByLabel("Gentag den nye adgangskode").FillAsync("Ny-Kode-Fra-Mail-2027");
        await reader.GetByRole(AriaRole.Button, new() { Name = "Gem den nye adgangskode" }).ClickAsync();
        await reader.WaitForLoadStateAsync(LoadState.Load);
        Assert.Contains("Din adgangskode er skiftet", await reader.Locator("main").InnerTextAsync());

        // Once only.
        await reader.GotoAsync(link);
        Assert.Contains("Linket virker ikke længere", await reader.Locator("main").InnerTextAsync());

        await site.SignInAsync(reader, userName, "Ny-Kode-Fra-Mail-2027");
        Assert.True(await reader.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).IsVisibleAsync());
    }

    [GeneratedRegex(@"https?://\S+/konto/ny-adgangskode\?\S+")]
    private static partial Regex LinkPattern();
}
