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
        Assert.Contains(LoginModel.FailedMessage, html, StringComparison.Ordinal);

        var entries = await AuditAsync("laases");
        Assert.Equal(6, entries.Count(e => e.Action == nameof(AuditAction.SignInFailed)));
        Assert.DoesNotContain(entries, e => e.Action == nameof(AuditAction.SignInSucceeded));
        Assert.Equal("forkert adgangskode", entries[0].Details);
        Assert.Equal("kontoen er låst efter for mange forkerte forsøg", entries[^1].Details);
        // The lock-out itself is in the log, once.
        Assert.Single(entries, e => e.Action == nameof(AuditAction.AccountLockedOut));
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
        Assert.Contains(LoginModel.FailedMessage, WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()), StringComparison.Ordinal);
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
/// The sign-in page is rate limited per client (the real limiter, no test bypass): only posting the
/// form counts, and behind the configured reverse proxy the client is the address the proxy names.
/// </summary>
[Collection(ProductionSiteCollection.Name)]
public sealed class SignInRateLimitTests(ProductionSite site)
{
    [Fact]
    public async Task Showing_the_form_never_counts_so_a_whole_office_behind_one_address_can_open_it()
    {
        var client = site.Client("http://videnscenter.randers.dk");
        for (var i = 0; i < 40; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/konto/log-ind");
            request.Headers.Add("X-Forwarded-For", "198.51.100.7");
            request.Headers.Add("X-Forwarded-Proto", "https");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
