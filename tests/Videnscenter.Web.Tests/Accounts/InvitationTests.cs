using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Accounts.Audit;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Accounts;

/// <summary>Administrators invite users by mail; the link lets the user choose a password, once.</summary>
public sealed partial class InvitationTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string action, params (string, string)[] fields)
    {
        var pageHtml = await client.GetStringAsync(page);
        var content = fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).ToList();
        content.Add(new("__RequestVerificationToken", SiteFactory.AntiforgeryToken(pageHtml)));
        return await client.PostAsync(action, new FormUrlEncodedContent(content));
    }

    /// <summary>Opens the link and chooses a password; the text of the page that answers.</summary>
    private static async Task<(HttpResponseMessage Response, string Text)> AcceptAsync(HttpClient client, string link, string password)
    {
        var form = await client.GetStringAsync(link);
        var page = SiteFactory.Parse(form);
        if (page.QuerySelector("main form") is null) return (new HttpResponseMessage(HttpStatusCode.OK), page.QuerySelector("main")!.TextContent);
        var response = await client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["bruger"] = page.QuerySelector("input[name=bruger]")?.GetAttribute("value") ?? "",
            ["kode"] = page.QuerySelector("input[name=kode]")?.GetAttribute("value") ?? "",
            ["NewPassword"] = password,
            ["ConfirmPassword"] = password,
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(form),
        }));
        return (response, SiteFactory.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("main")!.TextContent);
    }

    private Task<IdentityUser?> FindAsync(string userName) => InScopeAsync(sp => sp.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync(userName));

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    [Fact]
    public async Task An_invitation_needs_an_address_and_creates_nothing_without_one()
    {
        var admin = await site.SignedInAsync();
        var response = await PostAsync(admin, "/admin/brugere/ny", "/admin/brugere/ny",
            ("UserName", "uden.mail"), ("SelectedRoles", Roles.Staff), ("Access", "invitation"));
        var document = SiteFactory.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("så invitationen kan sendes", document.QuerySelector("#email-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await FindAsync("uden.mail"));
    }

    [Fact]
    public async Task The_invited_user_chooses_a_password_once_and_a_new_invitation_retires_the_old_link()
    {
        var email = $"inviteret-{Guid.NewGuid():N}@eksempel.dk";
        var userName = "inviteret." + Guid.NewGuid().ToString("N")[..6];
        var admin = await site.SignedInAsync();
        var created = await PostAsync(admin, "/admin/brugere/ny", "/admin/brugere/ny",
            ("UserName", userName), ("Email", email), ("SelectedRoles", Roles.Staff), ("Access", "invitation"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains($"sendt en invitation til {email}", WebUtility.HtmlDecode(SiteFactory.Parse(await created.Content.ReadAsStringAsync()).QuerySelector("main")!.TextContent)
            .Replace("\n", " "), StringComparison.Ordinal);

        var user = (await FindAsync(userName))!;
        Assert.Null(user.PasswordHash);
        Assert.Equal("Inviteret: har ikke valgt en adgangskode endnu", await ListedStatusAsync(admin, userName));
        var first = Assert.Single(await site.MailsToAsync(email, 1));
        Assert.Equal("Du er inviteret til Videnscenter", first.Subject);
        Assert.Contains($"brugernavnet {userName}", first.TextBody, StringComparison.Ordinal);
        Assert.Contains("udløber efter 7 dage", first.TextBody, StringComparison.Ordinal);
        var firstLink = new Uri(LinkPattern().Match(first.TextBody ?? "").Value).PathAndQuery;

        // The mail was lost: the administrator sends it again, and only the new link works.
        var again = await PostAsync(admin, $"/admin/brugere/{user.Id}", $"/admin/brugere/{user.Id}?handler=Invite");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var mails = await site.MailsToAsync(email, 2);
        var secondLink = mails.Select(m => new Uri(LinkPattern().Match(m.TextBody ?? "").Value).PathAndQuery).Single(l => l != firstLink);
        var client = site.Anonymous();
        Assert.Contains("Linket virker ikke længere", (await AcceptAsync(client, firstLink, "Min-Egen-Kode-2026")).Text, StringComparison.Ordinal);

        // A weak password is refused with the policy's Danish message; the link still works afterwards.
        var weak = await AcceptAsync(client, secondLink, "for-svag");
        Assert.Contains("mindst 12 tegn", weak.Text, StringComparison.Ordinal);

        var accepted = await AcceptAsync(client, secondLink, "Min-Egen-Kode-2026");
        Assert.Contains("du er logget ind", accepted.Text, StringComparison.Ordinal);
        Assert.Contains(accepted.Response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("videnscenter=", StringComparison.Ordinal));
        Assert.Contains("Linket virker ikke længere", (await AcceptAsync(site.Anonymous(), secondLink, "Tredje-Kode-2027")).Text, StringComparison.Ordinal);

        await site.SignedInAsync(userName, "Min-Egen-Kode-2026");
        Assert.True((await FindAsync(userName))!.EmailConfirmed);
        Assert.Equal("Aktiv", await ListedStatusAsync(admin, userName));
        var sent = await InScopeAsync(sp => sp.GetRequiredService<AuditDbContext>().Entries
            .Where(e => e.Action == nameof(AuditAction.InvitationSent) && e.Target == userName).ToListAsync());
        Assert.Equal(2, sent.Count);
        Assert.All(sent, e => Assert.Equal("admin", e.Actor));
    }

    /// <summary>The status column of the user's row in the administrators' user list.</summary>
    private static async Task<string> ListedStatusAsync(HttpClient admin, string userName)
    {
        var list = SiteFactory.Parse(await admin.GetStringAsync("/admin/brugere"));
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(userName, StringComparison.Ordinal));
        var headers = list.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()).ToList();
        return row.QuerySelectorAll("td, th")[headers.IndexOf("Status")].TextContent.Trim();
    }

    [GeneratedRegex(@"https?://\S+/konto/invitation\?\S+")]
    private static partial Regex LinkPattern();
}
