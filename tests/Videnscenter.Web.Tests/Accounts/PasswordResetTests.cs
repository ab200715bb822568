using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Accounts;

/// <summary>"Glemt adgangskode": the same answer for every address, a link by mail that works once.</summary>
public sealed partial class PasswordResetTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private async Task<string> CreateUserAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser("glemsom-" + Guid.NewGuid().ToString("N")[..8]) { Email = email, LockoutEnabled = true };
        Assert.True((await users.CreateAsync(user, "Gammel-Kode-2026")).Succeeded);
        return user.UserName!;
    }

    private static async Task<string> AskAsync(HttpClient client, string login)
    {
        var form = await client.GetStringAsync("/konto/glemt-adgangskode");
        var response = await client.PostAsync("/konto/glemt-adgangskode", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = login,
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return SiteFactory.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("main")!.TextContent;
    }

    private static async Task<string> ResetAsync(HttpClient client, string link, string password)
    {
        var form = await client.GetStringAsync(link);
        var page = SiteFactory.Parse(form);
        // A used or expired link shows no form at all, only why.
        if (page.QuerySelector("main form") is null) return page.QuerySelector("main")!.TextContent;
        var response = await client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["bruger"] = page.QuerySelector("input[name=bruger]")?.GetAttribute("value") ?? "",
            ["kode"] = page.QuerySelector("input[name=kode]")?.GetAttribute("value") ?? "",
            ["NewPassword"] = password,
            ["ConfirmPassword"] = password,
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(form),
        }));
        return SiteFactory.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("main")!.TextContent;
    }

    [Fact]
    public async Task The_answer_never_reveals_an_account_and_the_mailed_link_sets_a_new_password_once()
    {
        var email = $"glemsom-{Guid.NewGuid():N}@eksempel.dk";
        var userName = await CreateUserAsync(email);
        var client = site.Anonymous();

        var unknown = await AskAsync(client, $"ingen-{Guid.NewGuid():N}@eksempel.dk");
        var known = await AskAsync(client, email);
        Assert.Equal(Regex.Replace(unknown, @"\s+", " "), Regex.Replace(known, @"\s+", " "));
        Assert.Contains("Hvis der findes en konto", known);

        var mail = Assert.Single(await site.MailsToAsync(email, 1));
        Assert.Equal("Vælg en ny adgangskode til Videnscenter", mail.Subject);
        var link = new Uri(LinkPattern().Match(mail.TextBody ?? "").Value).PathAndQuery;

        Assert.Contains("Din adgangskode er skiftet", await ResetAsync(client, link, "Ny-Adgangskode-2027"));
        // The same link again: used up.
        Assert.Contains("Linket virker ikke længere", await ResetAsync(client, link, "Tredje-Adgangskode-2028"));
        // A tampered link does nothing either.
        Assert.Contains("Linket virker ikke længere", await client.GetStringAsync(link[..^4] + "AAAA"));

        await site.SignedInAsync(userName, "Ny-Adgangskode-2027");
    }

    [GeneratedRegex(@"https?://\S+/konto/ny-adgangskode\?\S+")]
    private static partial Regex LinkPattern();
}
