using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Videnscenter.Web.Tests.Mail;

namespace Videnscenter.Browser.Tests.Accounts;

/// <summary>An invitation in the browser: the administrator invites, the mail arrives at the real SMTP server, its link works once.</summary>
[Collection(SiteCollection.Name)]
public sealed partial class InvitationBrowserTests(SiteFixture site)
{
    [SmtpFact]
    public async Task An_invited_user_follows_the_mail_chooses_a_password_and_is_signed_in()
    {
        var email = TestSmtp.NewRecipient("inviteret");
        var userName = "inviteret" + Guid.NewGuid().ToString("N")[..6];
        await using (var admin = await site.NewAdminContextAsync())
        {
            var page = await admin.NewPageAsync();
            await page.GotoAsync("/admin/brugere/ny");
            await page.GetByLabel("Brugernavn", new() { Exact = true }).FillAsync(userName);
            await page.GetByLabel("E-mail (valgfri)").FillAsync(email);
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "Medarbejder" }).CheckAsync();
            // An invitation is what the form offers first.
            Assert.True(await page.GetByRole(AriaRole.Radio, new() { Name = "Send en invitation på mail" }).IsCheckedAsync());
            await page.GetByRole(AriaRole.Button, new() { Name = "Opret brugeren" }).ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);
            Assert.Contains("sendt en invitation", await page.Locator("main [role=status]").InnerTextAsync(), StringComparison.Ordinal);
            await Axe.AssertAccessibleAsync(page);
        }

        var mail = Assert.Single(await TestSmtp.WaitForAsync(email));
        Assert.Equal("Du er inviteret til Videnscenter", mail.Subject);
        var link = LinkPattern().Match(mail.TextBody ?? "").Value;
        // The HTML part carries the same link, clickable.
        Assert.Contains($"href=\"{link.Replace("&", "&amp;", StringComparison.Ordinal)}\"", mail.HtmlBody, StringComparison.Ordinal);

        await using var context = await site.NewContextAsync();
        var invited = await context.NewPageAsync();
        await invited.GotoAsync(link);
        Assert.Contains(userName, await invited.Locator("main .lead").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertAccessibleAsync(invited);
        await invited.GetByLabel("Adgangskode", new() { Exact = true }).FillAsync("Min-Egen-Kode-2026");
        await invited.GetByLabel("Gentag adgangskoden").FillAsync("Min-Egen-Kode-2026");
        await invited.GetByRole(AriaRole.Button, new() { Name = "Gem adgangskoden og log ind" }).ClickAsync();
        await invited.WaitForLoadStateAsync(LoadState.Load);
        Assert.Contains("du er logget ind", await invited.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await invited.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).IsVisibleAsync());
        await Axe.AssertAccessibleAsync(invited);

        // Once only, also in another browser.
        await using var other = await site.NewContextAsync();
        var again = await other.NewPageAsync();
        await again.GotoAsync(link);
        Assert.Contains("Linket virker ikke længere", await again.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await site.SignInAsync(again, userName, "Min-Egen-Kode-2026");
        Assert.True(await again.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).IsVisibleAsync());
    }

    [GeneratedRegex(@"https?://\S+/konto/invitation\?\S+")]
    private static partial Regex LinkPattern();
}
