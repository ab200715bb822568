using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Accounts.Audit;
using Videnscenter.Web.Tests.Harness;
using Videnscenter.Web.Tests.Hosting;

namespace Videnscenter.Web.Tests.Accounts;

/// <summary>
/// Sessions and accounts as an attacker with a copied cookie or a list of names would try them:
/// log-out ends the session on the server, wrong current passwords lock the account, the sign-in
/// answer names nothing, the right page says 403, and personal API answers are not cached.
/// </summary>
[Collection(SharedSiteCollection.Name)]
public sealed class SessionHardeningTests(SecuritySite site)
{
    private const string Password = "Rigtigt-Kodeord-2026";

    [Fact]
    public async Task A_copied_session_cookie_stops_working_when_its_owner_logs_out()
    {
        await site.CreateUserAsync("kopieret", Password, Roles.Staff);
        var browser = new CookieJar(site.App);
        var form = await browser.GetStringAsync("/konto/log-ind");
        using (var signIn = await browser.PostAsync("/konto/log-ind", new()
        {
            ["UserName"] = "kopieret", ["Password"] = Password, ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(form),
        }))
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var copied = browser.Cookie("videnscenter") ?? throw new InvalidOperationException("Ingen sessionscookie efter log ind.");

        var thief = new CookieJar(site.App);
        thief.Set("videnscenter", copied);
        using (var before = await thief.GetAsync("/konto/adgangskode"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var page = await browser.GetStringAsync("/konto/adgangskode");
        using (var logout = await browser.PostAsync("/konto/log-ud", new() { ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(page) }))
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        using var after = await thief.GetAsync("/konto/adgangskode");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/konto/log-ind", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_current_passwords_on_the_change_password_form_lock_the_account_and_end_the_session()
    {
        await site.CreateUserAsync("gaetter", Password, Roles.Staff);
        var client = await site.SignedInAsync("gaetter", Password);
        for (var i = 0; i < 5; i++)
        {
            var page = await client.GetStringAsync("/konto/adgangskode");
            using var response = await client.PostAsync("/konto/adgangskode", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["CurrentPassword"] = $"Gaet-Nummer-{i}-2026",
                ["NewPassword"] = "Helt-Nyt-Kodeord-2026",
                ["ConfirmPassword"] = "Helt-Nyt-Kodeord-2026",
                ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(page),
            }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (i == 4)
                Assert.Contains(ChangePasswordModel.LockedMessage, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        // Signed out, and the right password does not get in for now.
        using (var again = await client.GetAsync("/konto/adgangskode"))
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        using var right = await SecuritySite.SignInAsync(site.Client(), "gaetter", Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);

        var entries = await site.InScopeAsync(sp => sp.GetRequiredService<AuditDbContext>().Entries
            .Where(e => e.Actor == "gaetter").ToListAsync());
        Assert.Single(entries, e => e.Action == nameof(AuditAction.AccountLockedOut));
        Assert.Equal(5, entries.Count(e => e.Action == nameof(AuditAction.SignInFailed) && e.Details.Contains("skift af adgangskode")));

        // The administrator sees the lock on the users page and can lift it.
        var admin = await site.SignedInAsync();
        var users = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/brugere"));
        Assert.Contains("Låst til", users, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_answer_is_the_same_for_an_unknown_user_a_wrong_password_and_a_locked_account()
    {
        await site.CreateUserAsync("kendt.navn", Password, Roles.Volunteer);
        await site.CreateUserAsync("laast.navn", Password, Roles.Volunteer);
        for (var i = 0; i < 5; i++) await SecuritySite.SignInAsync(site.Client(), "laast.navn", $"Forkert-{i}-Kodeord-2026");

        async Task<string> AnswerAsync(string userName, string password)
        {
            using var response = await SecuritySite.SignInAsync(site.Client(), userName, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var main = SiteFactory.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("main")!;
            // The form echoes the typed name back; everything else must be the same.
            return System.Text.RegularExpressions.Regex.Replace(main.InnerHtml.Replace(userName, "NAVN", StringComparison.Ordinal),
                "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "TOKEN");
        }

        var unknown = await AnswerAsync("ukendt.navn", "Et-Gaet-Kodeord-2026");
        var wrong = await AnswerAsync("kendt.navn", "Et-Gaet-Kodeord-2026");
        var locked = await AnswerAsync("laast.navn", Password);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, locked);
        Assert.Contains(LoginModel.FailedMessage, WebUtility.HtmlDecode(unknown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_user_without_the_role_gets_the_Danish_403_page_not_the_sign_in_form()
    {
        await site.CreateUserAsync("uden.rolle", Password, Roles.Volunteer);
        var client = await site.SignedInAsync("uden.rolle", Password);
        using var response = await client.GetAsync("/admin/brugere");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Du har ikke adgang", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Password\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/search?q=recovery")]
    [InlineData("/api/autocomplete?q=rec")]
    public async Task Personal_api_answers_are_private_and_not_stored(string path)
    {
        await site.CreateUserAsync("api.bruger." + path.Length, Password, Roles.Staff);
        var client = await site.SignedInAsync("api.bruger." + path.Length, Password);
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cacheControl = response.Headers.CacheControl;
        Assert.NotNull(cacheControl);
        Assert.True(cacheControl.Private && cacheControl.NoStore, cacheControl.ToString());
    }
}

/// <summary>A client whose cookies the test can see and copy, as someone copying a cookie would.</summary>
internal sealed class CookieJar(WebApplicationFactory<Program> app)
{
    private readonly HttpClient _client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public string? Cookie(string name) => _cookies.GetValueOrDefault(name);

    public void Set(string name, string value) => _cookies[name] = value;

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await GetAsync(path);
        return await response.Content.ReadAsStringAsync();
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) });

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await _client.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';')[0];
            var at = pair.IndexOf('=');
            var (name, value) = (pair[..at], pair[(at + 1)..]);
            if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(name);
            else _cookies[name] = value;
        }
        return response;
    }
}
