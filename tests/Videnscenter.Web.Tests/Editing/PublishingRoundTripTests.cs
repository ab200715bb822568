using System.Net;
using System.Text.Json.Nodes;
using Videnscenter.Content.Items;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Editing;

/// <summary>The site shows the live version at each step of an item's life.</summary>
public sealed class PublishingRoundTripTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private async Task<string?> PageTitleAsync(string path)
    {
        var response = await site.Anonymous().GetAsync(path);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return SiteFactory.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent;
    }

    [Fact]
    public async Task Draft_published_new_draft_published_restored_each_show_the_right_version()
    {
        const string path = "/sider/frivillig-i-caféen";
        var draft = new ContentDraft { Type = "Page", Title = "Frivillig i caféen", Slug = "frivillig-i-cafeen", Body = "Første udgave." };
        var created = await site.WithStoreAsync(s => s.CreateAsync(draft, "redaktør"));
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        var id = created.Item!.Id;
        var url = "/sider/frivillig-i-cafeen";

        Assert.Null(await PageTitleAsync(url));
        await site.WithStoreAsync(s => s.PublishAsync(id));
        Assert.Equal("Frivillig i caféen", await PageTitleAsync(url));

        var v2 = await site.WithStoreAsync(s => s.SaveAsync(id, created.Item.VersionId, draft with { Title = "Frivillig i Psykiatriens Hus' café" }, "redaktør"));
        Assert.True(v2.Succeeded);
        Assert.Equal("Frivillig i caféen", await PageTitleAsync(url));
        await site.WithStoreAsync(s => s.PublishAsync(id));
        Assert.Equal("Frivillig i Psykiatriens Hus' café", await PageTitleAsync(url));

        await site.WithStoreAsync(s => s.RestoreAsync(id, 1, "redaktør"));
        await site.WithStoreAsync(s => s.PublishAsync(id));
        Assert.Equal("Frivillig i caféen", await PageTitleAsync(url));

        await site.WithStoreAsync(async s => { await s.UnpublishAsync(id); return 0; });
        Assert.Null(await PageTitleAsync(url));
        Assert.Null(await PageTitleAsync(path));
    }

    [Fact]
    public async Task Markdown_in_content_is_rendered_without_raw_html_or_unsafe_links()
    {
        var draft = new ContentDraft
        {
            Type = "Page",
            Title = "Sikkerhedstest",
            Body = "Hej <script>alert('x')</script> og <img src=x onerror=alert(1)> og [klik](javascript:alert(1)) og [SIND](https://sind.dk)",
            Fields = new JsonObject(),
        };
        var created = await site.WithStoreAsync(s => s.CreateAsync(draft, "redaktør"));
        await site.WithStoreAsync(s => s.PublishAsync(created.Item!.Id));

        var html = await site.Anonymous().GetStringAsync("/sider/sikkerhedstest");
        var main = SiteFactory.Parse(html).QuerySelector("main")!;
        Assert.Empty(main.QuerySelectorAll("script, img"));
        Assert.DoesNotContain(main.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Contains("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(main.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") == "https://sind.dk");
        Assert.Contains("&lt;script&gt;", main.InnerHtml);
    }
}
