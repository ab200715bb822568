using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Accounts.Audit;
using Videnscenter.Web.Tests.Harness;
using Videnscenter.Web.Tests.Hosting;

namespace Videnscenter.Web.Tests.Accounts;

/// <summary>Signing in: lock-out after five wrong passwords, and every attempt in the audit log.</summary>
[Collection(SharedSiteCollection.Name)]
public sealed class SignInTests(SecuritySite site)
{
    private const string Password = "Rigtigt-Kodeord-2026";

    private Task<List<AuditEntry>> AuditAsync(string actor) => site.InScopeAsync(sp =>
        sp.GetRequiredService<AuditDbContext>().Entries.Where(e => e.Actor == actor).OrderBy(e => e.Id).ToListAsync());

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string token, string userName, string password) =>
        await client.PostAsync("/konto/log-ind", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_a_while_even_for_the_right_one()
    {
        await site.CreateUserAsync("laases", Password, Roles.Volunteer);
        var client = site.Client();
        var token = SiteFactory.AntiforgeryToken(await client.GetStringAsync("/konto/log-ind"));
        for (var i = 0; i < 5; i++)
        {
            var wrong = await PostAsync(client, token, "laases", $"Forkert-Kodeord-{i}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var right = await PostAsync(client, token, "laases", Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var html = WebUtility.HtmlDecode(await right.Content.ReadAsStringAsync());
        Assert.Contains("Kontoen er låst i 15 minutter", html, StringComparison.Ordinal);

        var entries = await AuditAsync("laases");
        Assert.Equal(6, entries.Count(e => e.Action == nameof(AuditAction.SignInFailed)));
        Assert.Equal("forkert brugernavn eller adgangskode", entries[0].Details);
        Assert.Equal("kontoen er låst efter for mange forkerte forsøg", entries[^1].Details);
        Assert.DoesNotContain(entries, e => e.Action == nameof(AuditAction.SignInSucceeded));
        Assert.All(entries, e => Assert.NotNull(e.RemoteAddress));
    }

    [Fact]
    public async Task A_successful_sign_in_and_an_unknown_user_are_logged()
    {
        await site.CreateUserAsync("logges", Password, Roles.Staff);
        await site.SignedInAsync("logges", Password);
        Assert.Equal(nameof(AuditAction.SignInSucceeded), Assert.Single(await AuditAsync("logges")).Action);

        var unknown = await SecuritySite.SignInAsync(site.Client(), "findes.ikke", "Hvad-Som-Helst-2026");
        Assert.Contains("Brugernavnet eller adgangskoden er forkert.", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(nameof(AuditAction.SignInFailed), Assert.Single(await AuditAsync("findes.ikke")).Action);
    }

    [Fact]
    public async Task The_audit_log_never_holds_a_password()
    {
        await SecuritySite.SignInAsync(site.Client(), "admin", "Et-Forkert-Gaet-2026");
        await site.SignedInAsync();
        var all = await site.InScopeAsync(sp => sp.GetRequiredService<AuditDbContext>().Entries.ToListAsync());
        Assert.DoesNotContain(all, e => (e.Details + e.Target + e.Actor).Contains("Et-Forkert-Gaet-2026", StringComparison.Ordinal)
                                        || (e.Details + e.Target + e.Actor).Contains(SiteFactory.AdminPassword, StringComparison.Ordinal));
    }
}

/// <summary>
/// The sign-in page is rate limited per client (the real limiter, no test bypass). Behind the reverse
/// proxy the client is the one the proxy names, so people behind one proxy do not share one limit.
/// </summary>
[Collection(ProductionSiteCollection.Name)]
public sealed class SignInRateLimitTests(ProductionSite site)
{
    private static async Task<HttpResponseMessage> FromAsync(HttpClient client, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/konto/log-ind");
        request.Headers.Add("X-Forwarded-For", address);
        request.Headers.Add("X-Forwarded-Proto", "https");
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task The_eleventh_request_in_a_minute_from_one_client_gets_a_Danish_429_page()
    {
        var client = site.Client("http://videnscenter.randers.dk");
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.OK, (await FromAsync(client, "198.51.100.7")).StatusCode);
        var refused = await FromAsync(client, "198.51.100.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("For mange forsøg", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // Another person behind the same proxy still gets in.
        Assert.Equal(HttpStatusCode.OK, (await FromAsync(client, "198.51.100.8")).StatusCode);
    }
}
