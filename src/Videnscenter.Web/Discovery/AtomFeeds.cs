using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Theme.Display;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Events;

namespace Videnscenter.Web.Discovery;

/// <summary>
/// Atom feeds of new methods and upcoming events, written by System.ServiceModel.Syndication.
/// Each holds only what the reader may see; a feed reader asks without signing in, so it gets the public items.
/// </summary>
public static class AtomFeeds
{
    public const int MaxEntries = 30;
    private const string MethodType = "Method";

    public static async Task<IResult> MethodsAsync(HttpContext context, ContentStore store, SchemaStore schemaStore, CancellationToken ct)
    {
        var schema = await schemaStore.GetAsync(ct);
        var methods = (await store.ListPublishedAsync(MethodType, context.User.ReaderAudience(), ct))
            .OrderByDescending(m => m.CreatedUtc).ThenBy(m => m.Title, Danish.Sort).Take(MaxEntries).ToList();
        var baseUrl = SiteMapEndpoints.BaseUrl(context.Request);
        var entries = methods.Select(m => Entry(schema, m, baseUrl, m.Summary, m.CreatedUtc));
        return Write(context, "Nye metoder i metodekataloget", "/feeds/metoder.atom", "/metoder", baseUrl, entries);
    }

    public static async Task<IResult> EventsAsync(HttpContext context, ContentStore store, SchemaStore schemaStore, CancellationToken ct)
    {
        var schema = await schemaStore.GetAsync(ct);
        var now = EventSchedule.NowLocal();
        var upcoming = EventSchedule.Upcoming(await store.ListPublishedAsync(EventSchedule.TypeName, context.User.ReaderAudience(), ct), now)
            .Take(MaxEntries).ToList();
        var baseUrl = SiteMapEndpoints.BaseUrl(context.Request);
        var entries = upcoming.Select(e =>
        {
            var when = e.Ranges("when").FirstOrDefault(r => r.End >= now);
            var summary = when is null ? e.Summary : $"{Danish.Range(when.Start, when.End)}. {e.Summary}";
            return Entry(schema, e, baseUrl, summary, e.CreatedUtc);
        });
        return Write(context, "Kommende begivenheder", "/feeds/begivenheder.atom", "/begivenheder", baseUrl, entries);
    }

    private static SyndicationItem Entry(ContentSchema schema, ContentItem item, string baseUrl, string summary, DateTime published)
    {
        var url = new Uri(baseUrl + ContentUrls.Of(schema, item));
        var entry = new SyndicationItem(item.Title, summary, url, url.AbsoluteUri, Utc(item.ModifiedUtc))
        {
            PublishDate = Utc(published),
        };
        return entry;
    }

    private static IResult Write(HttpContext context, string title, string selfPath, string htmlPath, string baseUrl, IEnumerable<SyndicationItem> entries)
    {
        var list = entries.ToList();
        var feed = new SyndicationFeed(title, $"{SiteNames.Site}: {SiteNames.Centre}", new Uri(baseUrl + htmlPath), baseUrl + selfPath,
            list.Count > 0 ? list.Max(e => e.LastUpdatedTime) : DateTimeOffset.UnixEpoch, list)
        {
            Language = "da",
        };
        feed.Authors.Add(new SyndicationPerson { Name = SiteNames.Centre });
        feed.Links.Add(new SyndicationLink(new Uri(baseUrl + selfPath), "self", title, "application/atom+xml", 0));

        var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            new Atom10FeedFormatter(feed).WriteTo(writer);
        // Personal when a signed-in reader sees internal items: never in a shared cache.
        context.Response.Headers.CacheControl = context.User.Identity?.IsAuthenticated == true ? "private, no-store" : "public, max-age=300";
        return Results.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
