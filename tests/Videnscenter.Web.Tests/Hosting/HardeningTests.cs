using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Accounts.Audit;
using Videnscenter.Web.Tests.Harness;
using Videnscenter.Web.Tests.Recoveryskolen;

namespace Videnscenter.Web.Tests.Hosting;

/// <summary>
/// What an attacker or a careless deployer found (issue 14), on the development site: Danish error
/// pages instead of stack traces, absolute links that ignore the Host header, forwarded headers
/// ignored from callers nobody configured, the launch profile that must not override an explicit
/// environment.
/// </summary>
[Collection(SharedSiteCollection.Name)]
public sealed class HardeningTests(SecuritySite site)
{
    [Fact]
    public async Task A_value_that_does_not_bind_gets_the_Danish_400_page_not_a_stack_trace_even_in_development()
    {
        using var response = await site.Client().GetAsync("/medier/nope.png?w=abc");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Forespørgslen kunne ikke bruges", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Microsoft.", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/konto/log-ind")]
    [InlineData("/soeg")]
    public async Task A_multipart_body_whose_part_has_no_headers_gets_the_Danish_400_page_not_404(string path)
    {
        // Before: the error page bound its status code from the failed request's form, failed on the
        // same malformed body, and the reader got "Siden findes ikke".
        using var body = new ByteArrayContent("--XYZ\r\n\r\nhello\r\n--XYZ--\r\n"u8.ToArray());
        body.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=XYZ");
        using var response = await site.Client().PostAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Forespørgslen kunne ikke bruges", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_header_never_reaches_the_pdf_the_json_ld_or_the_receipt()
    {
        var evil = site.Client("http://evil.example");

        var catalogue = SiteFactory.Parse(await evil.GetStringAsync("/kurser"));
        var pdfLink = catalogue.QuerySelectorAll("a[href$='.pdf']").Select(a => a.GetAttribute("href")!).First();
        var pdfText = await RouteWalkTests.PdfTextAsync(await evil.GetByteArrayAsync(pdfLink));
        Assert.Contains("http://localhost/kurser/", pdfText, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", pdfText, StringComparison.OrdinalIgnoreCase);

        var eventPage = await evil.GetStringAsync("/begivenheder/byvandring-med-tidligere-hjemloese-guider");
        var jsonLd = SiteFactory.Parse(eventPage).QuerySelector("script[type='application/ld+json']")?.TextContent;
        Assert.NotNull(jsonLd);
        Assert.Contains("http://localhost/begivenheder/", jsonLd, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", jsonLd, StringComparison.OrdinalIgnoreCase);

        var course = await Courses.CreateAsync(site.Services, places: 3);
        var response = await Courses.SignUpAsync(evil, course.Slug, "Værtshoved Test", "vaert@eksempel.dk");
        var receipt = await response.Content.ReadAsStringAsync();
        var link = SiteFactory.Parse(receipt).QuerySelector(".personal-link a")!.GetAttribute("href")!;
        Assert.StartsWith("http://localhost/kurser/min-tilmelding/", link, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", receipt, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task X_forwarded_for_from_a_caller_nobody_configured_as_proxy_is_ignored_even_from_loopback()
    {
        var client = site.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/konto/log-ind");
        var form = await client.GetStringAsync("/konto/log-ind");
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "videresendt.ukendt",
            ["Password"] = "Et-Forkert-Kodeord-2026",
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(form),
        });
        request.Headers.Add(SecuritySite.TestAddressHeader, "127.0.0.1");
        request.Headers.Add("X-Forwarded-For", "203.0.113.77");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var entry = await site.InScopeAsync(sp => sp.GetRequiredService<AuditDbContext>().Entries
            .SingleAsync(e => e.Actor == "videresendt.ukendt"));
        Assert.Equal("127.0.0.1", entry.RemoteAddress);
    }

    [Fact]
    public void The_launch_profile_does_not_override_an_explicit_ASPNETCORE_ENVIRONMENT()
    {
        var root = RepositoryRoot.Find();
        var settings = File.ReadAllText(Path.Combine(root, "src", "Videnscenter.Web", "Properties", "launchSettings.json"));
        // `dotnet run` sets the profile's variables over the shell's: ASPNETCORE_ENVIRONMENT there would
        // turn `ASPNETCORE_ENVIRONMENT=Production dotnet run` into Development. DOTNET_ENVIRONMENT is
        // the default the web host's ASPNETCORE_ENVIRONMENT overrides.
        Assert.DoesNotContain("ASPNETCORE_ENVIRONMENT", settings, StringComparison.Ordinal);
        Assert.Contains("\"DOTNET_ENVIRONMENT\": \"Development\"", settings, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, "src", "Videnscenter.Web", "appsettings.Production.json")));
    }
}

/// <summary>Finds the repository root (the folder with Videnscenter.sln) from the test's output folder.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Videnscenter.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Fandt ikke Videnscenter.sln over testens mappe.");
    }
}
