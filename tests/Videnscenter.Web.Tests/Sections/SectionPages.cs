using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Sections;

/// <summary>Reading the section pages the way a reader sees them.</summary>
internal static class SectionPages
{
    public static async Task<IHtmlDocument> GetDocumentAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} svarede {(int)response.StatusCode}");
        return SiteFactory.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Titles of the cards a list page shows (card titles are h2, or h3 under a group heading).</summary>
    public static async Task<List<string>> CardTitlesAsync(HttpClient client, string path) =>
        CardTitles(await GetDocumentAsync(client, path));

    public static List<string> CardTitles(IHtmlDocument document) =>
        document.QuerySelectorAll("main ul.card-grid > li").Select(li => li.QuerySelector("h2 a, h3 a")!.TextContent.Trim()).ToList();

    /// <summary>The number the list announces in its status region ("12 emner").</summary>
    public static int AnnouncedCount(IHtmlDocument document) =>
        int.Parse(document.QuerySelector("main [role=status]")!.TextContent.Trim().Split(' ')[0]);

    /// <summary>Option values and their counts of a filter select, e.g. "tema" → {"motivation": 4}.</summary>
    public static Dictionary<string, int> Options(IHtmlDocument document, string name) =>
        document.QuerySelectorAll($"select[name={name}] option")
            .Select(o => (Value: o.GetAttribute("value") ?? "", Text: o.TextContent))
            .Where(o => o.Value.Length > 0)
            .ToDictionary(o => o.Value, o => int.Parse(o.Text[(o.Text.LastIndexOf('(') + 1)..o.Text.LastIndexOf(')')]));

    public static Task<IReadOnlyList<ContentItem>> PublishedAsync(SiteFactory site, string type, Audience reader) =>
        site.WithStoreAsync(s => s.ListPublishedAsync(type, reader));

    public static async Task<ContentSchema> SchemaAsync(SiteFactory site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SchemaStore>().GetAsync();
    }

    public static void SameTitles(IEnumerable<ContentItem> expected, IEnumerable<string> actual, string because)
    {
        var want = expected.Select(i => i.Title).Order(StringComparer.Ordinal).ToList();
        var got = actual.Order(StringComparer.Ordinal).ToList();
        Assert.True(want.SequenceEqual(got), $"{because}\nForventet: {string.Join(" | ", want)}\nFik:       {string.Join(" | ", got)}");
    }

    /// <summary>Creates and publishes an item, failing the test with the store's Danish errors if it is refused.</summary>
    public static async Task<ContentItem> PublishAsync(SiteFactory site, ContentDraft draft)
    {
        var created = await site.WithStoreAsync(s => s.CreateAsync(draft, "test"));
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return await site.WithStoreAsync(s => s.PublishAsync(created.Item!.Id));
    }
}
