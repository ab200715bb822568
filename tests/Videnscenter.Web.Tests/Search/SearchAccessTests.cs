using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Videnscenter.Content.Items;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Search;

/// <summary>
/// The search surfaces (page, API, facets, snippets, "Mente du", autocomplete) never reveal an
/// item the reader may not see. The seed has one staff-only method with the word "koordineringsskema".
/// </summary>
public sealed class SearchAccessTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private const string InternalWord = "koordineringsskema";

    private static async Task<JsonObject> ApiAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task An_internal_word_is_invisible_to_anonymous_readers_on_every_search_surface()
    {
        var anonymous = site.Anonymous();

        var api = await ApiAsync(anonymous, InternalWord);
        Assert.Equal(0, api["total"]!.GetValue<int>());
        Assert.Empty(api["hits"]!.AsArray());
        Assert.Null(api["didYouMean"]);
        Assert.All(api["facets"]!.AsObject(), f => Assert.Empty(f.Value!.AsArray()));

        var typo = await ApiAsync(anonymous, "koordineringskema");
        Assert.Null(typo["didYouMean"]);
        Assert.Equal(0, typo["total"]!.GetValue<int>());

        var page = await anonymous.GetStringAsync($"/soeg?q={InternalWord}");
        Assert.Contains("0 resultater", page);
        Assert.DoesNotContain("Fælles team", page);

        // Public texts have "koordinering"; only the internal one goes on to "koordineringsskema".
        Assert.DoesNotContain(InternalWord, await anonymous.GetStringAsync("/api/autocomplete?q=koordin"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("[]", await anonymous.GetStringAsync("/api/autocomplete?q=koordineringss"));

        // The whole internal item stays hidden from the anonymous facet counts of a broad search too.
        var broad = await ApiAsync(anonymous, "rusmidler");
        Assert.DoesNotContain("intern arbejdsgang", broad.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Staff_find_the_internal_item_and_its_word()
    {
        var admin = await site.SignedInAsync();
        var api = await ApiAsync(admin, InternalWord);
        Assert.True(api["total"]!.GetValue<int>() >= 1);
        Assert.Contains("<mark>", api["hits"]![0]!["snippet"]!.GetValue<string>());

        var typo = await ApiAsync(admin, "koordineringskema");
        Assert.Equal(InternalWord, typo["didYouMean"]?.GetValue<string>());
        Assert.Contains(InternalWord, await admin.GetStringAsync("/api/autocomplete?q=koordineringss"), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("metoderne", "Motiverende Interview")]
    [InlineData("pårørendes", "Pårørende")]
    [InlineData("recoveryskolen", "Recoveryskolen")]
    [InlineData("recovery-skolen", "Recoveryskolen")]
    public async Task Danish_inflections_and_compounds_are_found(string query, string expectedInTitles)
    {
        var api = await ApiAsync(site.Anonymous(), query);
        Assert.True(api["total"]!.GetValue<int>() > 0, $"«{query}» fandt intet");
        var titles = api["hits"]!.AsArray().Select(h => h!["title"]!.GetValue<string>()).ToList();
        var text = string.Join(" | ", titles) + api.ToJsonString();
        Assert.Contains(expectedInTitles, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_typo_gets_a_Danish_did_you_mean_on_the_page()
    {
        var page = await site.Anonymous().GetStringAsync("/soeg?q=mestringsvejlednig");
        Assert.Contains("Mente du", page);
        Assert.Contains("mestringsvejledning", page);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("NEAR(recovery peer, 2)")]
    [InlineData("title:recovery OR body:*")]
    [InlineData("((((")]
    [InlineData("-")]
    [InlineData("*")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Hostile_queries_get_a_normal_page(string query)
    {
        var response = await site.Anonymous().GetAsync($"/soeg?q={Uri.EscapeDataString(query)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains("role=\"status\"", html);
    }

    [Fact]
    public async Task Publishing_makes_an_item_findable_and_unpublishing_removes_it()
    {
        var created = await site.WithStoreAsync(s => s.CreateAsync(new ContentDraft
        {
            Type = "Page",
            Title = "Gåtur med hunden Fido",
            Body = "En helt særlig zebrafinke-oplevelse.",
        }, "redaktør"));
        Assert.Equal(0, (await ApiAsync(site.Anonymous(), "zebrafinke"))["total"]!.GetValue<int>());

        await site.WithStoreAsync(s => s.PublishAsync(created.Item!.Id));
        var found = await ApiAsync(site.Anonymous(), "zebrafinke");
        Assert.Equal(1, found["total"]!.GetValue<int>());
        Assert.Equal("/sider/gaatur-med-hunden-fido", found["hits"]![0]!["url"]!.GetValue<string>());

        await site.WithStoreAsync(async s => { await s.UnpublishAsync(created.Item!.Id); return 0; });
        Assert.Equal(0, (await ApiAsync(site.Anonymous(), "zebrafinke"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_api_has_the_documented_shape()
    {
        var api = await ApiAsync(site.Anonymous(), "recovery");
        Assert.True(api["total"]!.GetValue<int>() > 10);
        var hit = api["hits"]![0]!.AsObject();
        foreach (var key in new[] { "title", "url", "type", "snippet", "score" }) Assert.True(hit.ContainsKey(key), key);
        Assert.Equal(10, api["hits"]!.AsArray().Count);
        Assert.True(api["facets"]!.AsObject().ContainsKey("type"));
        Assert.True(api.ContainsKey("didYouMean"));
        var page2 = JsonNode.Parse(await site.Anonymous().GetStringAsync("/api/search?q=recovery&page=2"))!;
        Assert.NotEqual(hit["url"]!.GetValue<string>(), page2["hits"]![0]!["url"]!.GetValue<string>());
    }
}
