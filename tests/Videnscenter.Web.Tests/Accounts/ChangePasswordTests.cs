using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Accounts.Audit;
using Videnscenter.Web.Tests.Harness;
using Videnscenter.Web.Tests.Hosting;

namespace Videnscenter.Web.Tests.Accounts;

/// <summary>"Skift adgangskode" at /konto/adgangskode for signed-in users.</summary>
[Collection(SharedSiteCollection.Name)]
public sealed class ChangePasswordTests(SecuritySite site)
{
    private const string Old = "Gammel-Kode-2026";
    private const string New = "Ny-Og-Bedre-2027";

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next, string confirm) =>
        SecuritySite.PostFormAsync(client, "/konto/adgangskode", "/konto/adgangskode", new Dictionary<string, string>
        {
            ["CurrentPassword"] = current,
            ["NewPassword"] = next,
            ["ConfirmPassword"] = confirm,
        });

    [Fact]
    public async Task Anonymous_readers_are_sent_to_the_login_page()
    {
        var response = await site.Client().GetAsync("/konto/adgangskode");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/konto/log-ind", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Forkert-Kode-2026", New, New, "#current-error", "Den nuværende adgangskode er forkert.")]
    [InlineData(Old, New, "Ny-Og-Bedre-2028", "#confirm-error", "De to nye adgangskoder er ikke ens.")]
    [InlineData(Old, "kort", "kort", "#new-error", "Adgangskoden skal være mindst 12 tegn.")]
    [InlineData(Old, "kun-smaa-bogstaver-og-tal-1", "kun-smaa-bogstaver-og-tal-1", "#new-error", "Adgangskoden skal indeholde mindst ét stort bogstav.")]
    [InlineData("", New, New, "#current-error", "Skriv din nuværende adgangskode.")]
    public async Task Mistakes_get_a_Danish_message_at_the_field_and_change_nothing(string current, string next, string confirm, string field, string message)
    {
        var name = $"skift-{Guid.NewGuid():N}"[..16];
        await site.CreateUserAsync(name, Old, Roles.Volunteer);
        var client = await site.SignedInAsync(name, Old);

        var response = await ChangeAsync(client, current, next, confirm);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = SiteFactory.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, document.QuerySelector(field)!.TextContent, StringComparison.Ordinal);
        Assert.Contains(message, document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        await site.SignedInAsync(name, Old); // the old password still works
    }

    [Fact]
    public async Task A_changed_password_works_keeps_the_session_and_is_logged()
    {
        await site.CreateUserAsync("skifter", Old, Roles.Staff);
        var client = await site.SignedInAsync("skifter", Old);

        var response = await ChangeAsync(client, Old, New, New);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Din adgangskode er skiftet", html, StringComparison.Ordinal);
        Assert.DoesNotContain(New, html, StringComparison.Ordinal);

        // This session goes on; the old password no longer works; the new one does.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/konto/adgangskode")).StatusCode);
        var old = await SecuritySite.SignInAsync(site.Client(), "skifter", Old);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        await site.SignedInAsync("skifter", New);

        var entry = await site.InScopeAsync(sp => sp.GetRequiredService<AuditDbContext>().Entries
            .SingleAsync(e => e.Action == nameof(AuditAction.PasswordChanged) && e.Actor == "skifter"));
        Assert.Equal("skifter", entry.Target);
    }

    [Fact]
    public async Task The_header_links_a_signed_in_user_to_the_page()
    {
        await site.CreateUserAsync("linket", Old, Roles.Volunteer);
        var client = await site.SignedInAsync("linket", Old);
        var document = SiteFactory.Parse(await client.GetStringAsync("/"));
        var link = document.QuerySelector("header a[href='/konto/adgangskode']");
        Assert.NotNull(link);
        Assert.Contains("linket", link.TextContent, StringComparison.Ordinal);
        Assert.Contains("skift adgangskode", link.TextContent, StringComparison.Ordinal);
    }
}
