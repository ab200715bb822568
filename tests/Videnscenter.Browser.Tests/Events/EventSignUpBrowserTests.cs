using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using Videnscenter.Web.Tests.Mail;

namespace Videnscenter.Browser.Tests.Events;

/// <summary>An event marked «Kræver tilmelding» in the browser: sign up on its page, the mail arrives, its link cancels.</summary>
[Collection(SiteCollection.Name)]
public sealed partial class EventSignUpBrowserTests(SiteFixture site)
{
    /// <summary>Seeded with «Kræver tilmelding» and 40 places.</summary>
    private const string EventPage = "/begivenheder/dialogforum-februar-2027";

    [SmtpFact]
    public async Task Signing_up_for_an_event_sends_the_confirmation_and_its_link_cancels()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(EventPage);
        Assert.Contains("ledige pladser", await page.Locator("main .practical").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertAccessibleAsync(page);

        var email = TestSmtp.NewRecipient("begivenhed");
        await page.GetByLabel("Navn").FillAsync("Karen Ærø");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.Locator("form.sign-up-form button[type=submit]").ClickAsync();
        await page.Locator(".personal-link a").WaitForAsync();
        Assert.Equal("Tak – du er tilmeldt", (await page.Locator("main h1").InnerTextAsync()).Trim());
        Assert.Contains("plads på begivenheden", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertAccessibleAsync(page);

        var confirmation = Assert.Single(await TestSmtp.WaitForAsync(email));
        Assert.Equal("Du er tilmeldt: Dialogforum februar 2027", confirmation.Subject);
        Assert.Contains(confirmation.Attachments.OfType<MimePart>(), a => a.FileName?.EndsWith(".ics") == true);
        var link = LinkPattern().Match(confirmation.TextBody ?? "").Value;

        await page.GotoAsync(link);
        await page.GetByRole(AriaRole.Link, new() { Name = "Afmeld mig" }).ClickAsync();
        Assert.Contains("afmelde dig begivenheden", await page.Locator("main .lead").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, afmeld mig" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/kurser/min-tilmelding/[A-Za-z0-9_-]{43}$"));
        Assert.Equal("Du er afmeldt", (await page.Locator("main h1").InnerTextAsync()).Trim());
        Assert.Contains(await TestSmtp.WaitForAsync(email, 2), m => m.Subject == "Du er afmeldt: Dialogforum februar 2027");
    }

    [GeneratedRegex(@"https?://\S+/kurser/min-tilmelding/[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();
}
