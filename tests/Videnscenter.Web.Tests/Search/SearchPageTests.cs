using System.Net;
using System.Text.Json.Nodes;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Search;

/// <summary>The search page and API around the Lucene engine: hints, the zero-hit page, synonyms, Danish filter values.</summary>
public sealed class SearchPageTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private const string Hint = "for at søge i alt";

    private static async Task<JsonObject> ApiAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/search?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Theory]
    [InlineData("/soeg")]
    [InlineData("/soeg?q=recovery")]
    [InlineData("/soeg?q=koordineringsskema")]
    [InlineData("/soeg?q=zzzqqqxxx")]
    public async Task A_signed_out_reader_sees_that_signing_in_searches_everything_without_a_count(string url)
    {
        var page = SiteFactory.Parse(await site.Anonymous().GetStringAsync(url));
        var hint = page.QuerySelector(".search-signin-hint");
        Assert.NotNull(hint);
        Assert.Contains(Hint, hint!.TextContent);
        Assert.DoesNotMatch("[0-9]", hint.TextContent);
        Assert.StartsWith("/konto/log-ind?ReturnUrl=", hint.QuerySelector("a")!.GetAttribute("href"));

        var signedIn = await site.SignedInAsync();
        Assert.Null(SiteFactory.Parse(await signedIn.GetStringAsync(url)).QuerySelector(".search-signin-hint"));
    }

    [Fact]
    public async Task A_search_without_hits_shows_no_filter_panel_but_ways_on()
    {
        var page = SiteFactory.Parse(await site.Anonymous().GetStringAsync("/soeg?q=zzzqqqxxx"));
        Assert.Contains("0 resultater", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Null(page.QuerySelector("aside.facets"));
        var sections = page.QuerySelectorAll(".browse-sections a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/metoder", sections);
        Assert.DoesNotContain("/kompetenceprofiler", sections); // staff only

        var filtered = SiteFactory.Parse(await site.Anonymous().GetStringAsync("/soeg?q=recovery&type=Findes-ikke"));
        Assert.Null(filtered.QuerySelector("aside.facets"));
        Assert.Contains(filtered.QuerySelectorAll(".search-nothing a"), a => a.GetAttribute("href") == "/soeg?q=recovery");
    }

    [Fact]
    public async Task A_typo_shows_the_suggestion_on_the_zero_hit_path()
    {
        var api = await ApiAsync(site.Anonymous(), "q=mestringsvejlednig");
        Assert.Equal("mestringsvejledning", api["didYouMean"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_seeded_synonyms_widen_a_search_and_say_so()
    {
        var plain = await ApiAsync(site.Anonymous(), "q=rusmidler");
        var widened = await ApiAsync(site.Anonymous(), "q=misbrug");
        Assert.Contains("rusmidler", widened["synonymsTried"]!.AsArray().Select(s => s!.GetValue<string>()));
        var widenedUrls = widened["hits"]!.AsArray().Select(h => h!["url"]!.GetValue<string>()).ToHashSet();
        Assert.Contains(plain["hits"]!.AsArray()[0]!["url"]!.GetValue<string>(), widenedUrls);

        var page = SiteFactory.Parse(await site.Anonymous().GetStringAsync("/soeg?q=misbrug"));
        Assert.Contains("rusmidler", page.QuerySelector(".search-synonyms")!.TextContent);
    }

    [Fact]
    public async Task Editors_change_synonyms_and_the_next_search_uses_them_without_a_reindex()
    {
        var editor = await site.SignedInAsync();
        var form = await editor.GetStringAsync("/admin/synonymer");
        Assert.Contains("misbrug, rusmidler", form);

        var bad = await editor.PostAsync("/admin/synonymer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(form),
            ["Text"] = "kun-et-ord",
        }));
        Assert.Contains("skal have mindst to ord", await bad.Content.ReadAsStringAsync());

        Assert.Equal(0, (await ApiAsync(site.Anonymous(), "q=zebrahest"))["total"]!.GetValue<int>());
        var saved = await editor.PostAsync("/admin/synonymer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(form),
            ["Text"] = "misbrug, rusmidler\nbostøtte, mestringsvejledning\npeer, ligemand\nzebrahest, recovery",
        }));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("gemt", await saved.Content.ReadAsStringAsync());

        var found = await ApiAsync(site.Anonymous(), "q=zebrahest");
        Assert.True(found["total"]!.GetValue<int>() > 0);
        Assert.Equal(["recovery"], found["synonymsTried"]!.AsArray().Select(s => s!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.Redirect, (await site.Anonymous().GetAsync("/admin/synonymer")).StatusCode);
    }

    [Theory]
    [InlineData("type=metoder", "type=Method")]
    [InlineData("type=Metoder", "type=Method")]
    [InlineData("department=recoveryskolen", "department=Recoveryskolen")]
    [InlineData("recovery-vaerdier=selvbestemmelse", "recovery-vaerdier=Selvbestemmelse")]
    public async Task The_api_accepts_the_site_urls_danish_names_and_keys(string danish, string indexed)
    {
        var byDanish = await ApiAsync(site.Anonymous(), "q=recovery&" + danish);
        var byIndexed = await ApiAsync(site.Anonymous(), "q=recovery&" + indexed);
        Assert.True(byIndexed["total"]!.GetValue<int>() > 0, indexed);
        Assert.Equal(byIndexed["total"]!.GetValue<int>(), byDanish["total"]!.GetValue<int>());
        Assert.Equal(byIndexed["hits"]!.ToJsonString(), byDanish["hits"]!.ToJsonString());
    }

    [Fact]
    public async Task Titles_are_plain_text_and_snippets_html_in_the_api()
    {
        var api = await ApiAsync(site.Anonymous(), "q=pårørende");
        var hit = api["hits"]![0]!;
        Assert.DoesNotContain("&amp;", hit["title"]!.GetValue<string>());
        Assert.Contains("<mark>", hit["snippet"]!.GetValue<string>());
        Assert.DoesNotContain("&#", hit["snippet"]!.GetValue<string>());
        Assert.True(hit.AsObject().ContainsKey("slides"));
    }
}
