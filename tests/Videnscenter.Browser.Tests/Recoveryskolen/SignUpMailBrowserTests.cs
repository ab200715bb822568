using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using Videnscenter.Web.Tests.Mail;

namespace Videnscenter.Browser.Tests.Recoveryskolen;

/// <summary>
/// Following the mails, as a participant does: sign up, the confirmation arrives at the real SMTP
/// server, its cancellation link works in the browser, and the first on the waiting list gets the
/// mail that a place has opened.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class SignUpMailBrowserTests(SiteFixture site)
{
    [SmtpFact]
    public async Task Sign_up_confirmation_arrives_its_cancellation_link_works_and_the_waiting_list_gets_the_place()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var course = await OpenLastOpenCourseAsync(page);

        // Anna signs up and gets her confirmation by mail, with the course's sessions attached.
        var anna = TestSmtp.NewRecipient("anna");
        await SignUpAsync(page, "Anna Ærø", anna);
        // The receipt is the answer to the sign-up itself (no redirect), with the personal link on it.
        await page.Locator(".personal-link a").WaitForAsync();
        Assert.Equal("Tak – du er tilmeldt", (await page.Locator("main h1").InnerTextAsync()).Trim());
        var confirmation = Assert.Single(await TestSmtp.WaitForAsync(anna));
        Assert.StartsWith("Du er tilmeldt: ", confirmation.Subject);
        Assert.Contains(confirmation.Attachments.OfType<MimePart>(), a => a.FileName?.EndsWith(".ics") == true);
        var annasLink = Link(confirmation);

        // The rest of the places go to others; Bo is then put on the waiting list and told his number.
        await FillPlacesAsync(context, course);
        var bo = TestSmtp.NewRecipient("bo");
        await page.GotoAsync(course);
        await SignUpAsync(page, "Bo Bæk", bo);
        await page.Locator(".personal-link a").WaitForAsync();
        Assert.Equal("Du er skrevet på ventelisten", (await page.Locator("main h1").InnerTextAsync()).Trim());
        var waiting = Assert.Single(await TestSmtp.WaitForAsync(bo));
        Assert.Contains("som nummer 1", waiting.TextBody);

        // Anna follows the link in her mail and cancels.
        await page.GotoAsync(annasLink);
        Assert.Equal("Du er tilmeldt", (await page.Locator("main h1").InnerTextAsync()).Trim());
        await page.GetByRole(AriaRole.Link, new() { Name = "Afmeld mig" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, afmeld mig" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/kurser/min-tilmelding/[A-Za-z0-9_-]{43}$"));
        Assert.Equal("Du er afmeldt", (await page.Locator("main h1").InnerTextAsync()).Trim());
        Assert.Contains(await TestSmtp.WaitForAsync(anna, 2), m => m.Subject?.StartsWith("Du er afmeldt: ", StringComparison.Ordinal) == true);

        // Bo has the place, is told so by mail, and his link says so.
        var promoted = (await TestSmtp.WaitForAsync(bo, 2)).Single(m => m.Subject?.StartsWith("Du har fået en plads: ", StringComparison.Ordinal) == true);
        await page.GotoAsync(Link(promoted));
        Assert.Equal("Du har fået en plads", (await page.Locator("main h1").InnerTextAsync()).Trim());
        await Axe.AssertAccessibleAsync(page);
    }

    private static async Task SignUpAsync(IPage page, string name, string email)
    {
        await page.GetByLabel("Navn").FillAsync(name);
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.Locator("form.sign-up-form button[type=submit]").ClickAsync();
    }

    /// <summary>Takes every free place of the course with sign-ups of their own (the form posted as a browser would).</summary>
    private static async Task FillPlacesAsync(IBrowserContext context, string course)
    {
        for (var i = 0; i < 30; i++)
        {
            var html = await (await context.APIRequest.GetAsync(course)).TextAsync();
            if (html.Contains("places-full", StringComparison.Ordinal)) return;
            var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            var response = await context.APIRequest.PostAsync(course + "/tilmeld", new()
            {
                Form = context.APIRequest.CreateFormData()
                    .Set("Form.Name", $"Fylder {i}").Set("Form.Email", TestSmtp.NewRecipient("fylder")).Set("__RequestVerificationToken", token),
                MaxRedirects = 0,
            });
            // The answer to the post is the receipt itself, with the person's own cancellation link.
            Assert.Equal(200, response.Status);
            Assert.Contains("/kurser/min-tilmelding/", await response.TextAsync(), StringComparison.Ordinal);
        }
        throw new InvalidOperationException($"{course} blev ikke fuldt.");
    }

    /// <summary>An open course that the other browser tests (which take the first) leave alone.</summary>
    private static async Task<string> OpenLastOpenCourseAsync(IPage page)
    {
        foreach (var semester in new[] { "/kurser/semester/foraar-2027", "/kurser/semester/efteraar-2026" })
        {
            await page.GotoAsync(semester);
            var open = page.Locator("main ul.card-grid > li").Filter(new() { Has = page.Locator(".places-open") }).Locator("h2 a");
            if (await open.CountAsync() < 2) continue;
            var href = (await open.Last.GetAttributeAsync("href"))!;
            await page.GotoAsync(href);
            return href;
        }
        throw new InvalidOperationException("Ingen kurser i startindholdet har ledige pladser længere.");
    }

    private static string Link(MimeMessage mail) => LinkPattern().Match(mail.TextBody ?? "").Value is { Length: > 0 } link
        ? link
        : throw new InvalidOperationException($"Mailen «{mail.Subject}» har intet link til tilmeldingen.");

    [GeneratedRegex(@"https?://\S+/kurser/min-tilmelding/[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkPattern();
}
