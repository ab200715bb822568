using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Hosting;

/// <summary>
/// Security headers in production behind a TLS-terminating reverse proxy on the same machine: a
/// strict CSP (no inline script or style, no framing), nosniff, a referrer policy, HSTS on HTTPS,
/// plain HTTP redirected to HTTPS, and cookies marked Secure.
/// </summary>
[Collection(ProductionSiteCollection.Name)]
public sealed class SecurityHeadersTests(ProductionSite site)
{
    private const string Https = "https://videnscenter.randers.dk";

    public static TheoryData<string> Paths => new()
    {
        "/", "/metoder", "/metoder/motiverende-interview", "/soeg?q=recovery", "/api/search?q=recovery",
        "/api/autocomplete?q=rec", "/konto/log-ind", "/findes/ikke/her", "/fejl/500", "/health", "/admin",
    };

    [Theory, MemberData(nameof(Paths))]
    public async Task Every_kind_of_response_has_the_security_headers(string path)
    {
        using var response = await site.Client(Https).GetAsync(path);
        Assert.True((int)response.StatusCode < 500 || path == "/fejl/500", $"{path} svarede {(int)response.StatusCode}");

        var csp = Directives(Single(response, "Content-Security-Policy"));
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
        Assert.Equal(["'none'"], csp["object-src"]);
        Assert.True(csp.ContainsKey("base-uri"), "base-uri mangler");
        foreach (var kind in new[] { "script-src", "style-src" })
        {
            var sources = csp.GetValueOrDefault(kind) ?? csp["default-src"];
            Assert.Contains("'self'", sources);
            foreach (var unsafeSource in new[] { "'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "data:", "*", "http:", "https:" })
                Assert.DoesNotContain(unsafeSource, sources);
            Assert.DoesNotContain(sources, s => s.StartsWith("'nonce-", StringComparison.Ordinal) || s.StartsWith("'sha", StringComparison.Ordinal));
        }
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Contains(Single(response, "Referrer-Policy"), new[] { "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin" });

        var hsts = Single(response, "Strict-Transport-Security");
        var maxAge = Regex.Match(hsts, @"max-age=(\d+)");
        Assert.True(maxAge.Success && long.Parse(maxAge.Groups[1].Value, CultureInfo.InvariantCulture) >= TimeSpan.FromDays(180).TotalSeconds, hsts);
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https_without_hsts()
    {
        using var response = await site.Client("http://videnscenter.randers.dk").GetAsync("/metoder?side=2");
        Assert.True(response.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently,
            $"svarede {(int)response.StatusCode}");
        Assert.Equal("https://videnscenter.randers.dk/metoder?side=2", response.Headers.Location?.ToString());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS må kun sendes over HTTPS");
    }

    [Fact]
    public async Task The_proxy_forwarding_https_makes_the_request_https()
    {
        var client = site.Client("http://videnscenter.randers.dk");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metoder");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Cookies_are_secure_httponly_and_samesite_over_https()
    {
        var client = site.Client(Https);
        using var form = await client.GetAsync("/konto/log-ind");
        var antiforgery = Cookies(form).Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);

        var response = await SecuritySite.SignInAsync(client, "admin", SiteFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = Cookies(response).Single(c => c.StartsWith("videnscenter=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
    }

    private static string Single(HttpResponseMessage response, string name)
    {
        var values = response.Headers.TryGetValues(name, out var h) ? h.ToList()
            : response.Content.Headers.TryGetValues(name, out var c) ? c.ToList() : [];
        Assert.True(values.Count == 1, $"{name}: {values.Count} værdier på {response.RequestMessage?.RequestUri}");
        return values[0];
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static Dictionary<string, string[]> Directives(string csp) =>
        csp.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(p => p[0].ToLowerInvariant(), p => p[1..]);
}

/// <summary>In development there is no HSTS and no redirect: a developer's localhost must not be pinned to HTTPS.</summary>
[Collection(SharedSiteCollection.Name)]
public sealed class DevelopmentHeadersTests(SecuritySite site)
{
    [Fact]
    public async Task Development_sends_no_hsts_and_does_not_redirect()
    {
        using var https = await site.Client("https://videnscenter.randers.dk").GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
        Assert.False(https.Headers.Contains("Strict-Transport-Security"));
        using var http = await site.Client().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, http.StatusCode);
        Assert.Contains("frame-ancestors 'none'", http.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
