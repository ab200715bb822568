using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Home;

public sealed class PublicSiteTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Every_section_and_every_public_item_is_reachable_by_plain_links_from_the_front_page()
    {
        var client = site.Anonymous();
        var seen = new HashSet<string>();
        var queue = new Queue<string>(["/"]);
        while (queue.Count > 0)
        {
            var path = queue.Dequeue();
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} svarede {(int)response.StatusCode}");
            var document = SiteFactory.Parse(await response.Content.ReadAsStringAsync());
            foreach (var href in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (!href.StartsWith('/') || href.StartsWith("//") || href.StartsWith("/konto") || href.StartsWith("/_content")) continue;
                var clean = href.Split('#')[0].Split('?')[0];
                if (clean.Length > 0 && seen.Add(clean)) queue.Enqueue(clean);
            }
        }

        var items = await site.WithStoreAsync(s => s.ListPublishedAsync(null, Audience.Offentlig));
        var schema = await site.WithStoreAsync(async _ => await GetSchemaAsync());
        Assert.NotEmpty(items);
        foreach (var item in items)
            Assert.Contains($"/{schema.Type(item.Type)!.Section}/{item.Slug}", seen);
        foreach (var type in schema.Types)
            Assert.Contains($"/{type.Section}", seen);
    }

    private async Task<Videnscenter.Content.Definitions.ContentSchema> GetSchemaAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Videnscenter.Content.Definitions.SchemaStore>().GetAsync();
    }

    [Fact]
    public async Task Pages_are_Danish_with_security_headers()
    {
        var response = await site.Anonymous().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"da\">", html);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        // CSP forbids inline script and style; the page must not need any.
        var document = SiteFactory.Parse(html);
        Assert.All(document.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src"))));
        Assert.Empty(document.QuerySelectorAll("[style], style"));
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("/metoder/findes-ikke")]
    [InlineData("/findes-ikke")]
    [InlineData("/findes/ikke")]
    public async Task Unknown_addresses_give_a_Danish_404_page(string path)
    {
        var response = await site.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        // Signed out, a missing page cannot be told from one that needs signing in.
        Assert.Equal("Siden findes ikke, eller den kræver, at du logger ind", SiteFactory.Parse(html).QuerySelector("h1")!.TextContent);
        Assert.Contains("lang=\"da\"", html);
    }

    [Fact]
    public async Task Health_answers_healthy()
    {
        var response = await site.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_staff_only_item_answers_404_to_anonymous_readers_and_shows_to_signed_in_staff()
    {
        var items = await site.WithStoreAsync(s => s.ListPublishedAsync("CompetenceProfile", Audience.Medarbejder));
        var profile = items.First(i => i.Audience == Audience.Medarbejder);
        var path = $"/kompetenceprofiler/{profile.Slug}";

        var anonymous = await site.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.DoesNotContain(profile.Title, await anonymous.Content.ReadAsStringAsync());
        var list = await site.Anonymous().GetStringAsync("/kompetenceprofiler");
        Assert.DoesNotContain(profile.Title, list);

        var admin = await site.SignedInAsync();
        var signedIn = await admin.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains(profile.Title, await signedIn.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        var response = await site.Anonymous().PostAsync("/konto/log-ind", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "admin",
            ["Password"] = SiteFactory.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_gives_a_Danish_message_and_no_session()
    {
        var client = site.Anonymous();
        var form = await client.GetStringAsync("/konto/log-ind");
        var response = await client.PostAsync("/konto/log-ind", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "findesikke",
            ["Password"] = "forkert-kode",
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Videnscenter.Web.Accounts.LoginModel.FailedMessage, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}
