using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Theme.Display;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Events;

/// <summary>Events: upcoming ones soonest first, or (?tid=tidligere) past ones newest first.</summary>
public sealed class IndexModel(ContentStore store, SchemaStore schemaStore) : PageModel
{
    public const string PastValue = "tidligere";

    public ContentTypeDefinition Type { get; private set; } = null!;
    public ContentSchema Schema { get; private set; } = ContentSchema.Empty;
    public IReadOnlyList<ContentItem> Items { get; private set; } = [];
    public IReadOnlyDictionary<Guid, ContentItem> Partners { get; private set; } = new Dictionary<Guid, ContentItem>();
    public DateTime NowLocal { get; private set; }
    public int UpcomingCount { get; private set; }
    public int PastCount { get; private set; }

    [BindProperty(SupportsGet = true, Name = "tid")] public string? When { get; set; }

    public bool ShowsPast => string.Equals(When, PastValue, StringComparison.OrdinalIgnoreCase);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Schema = await schemaStore.GetAsync(ct);
        if (Schema.Type(EventSchedule.TypeName) is not { Routable: true } type) return NotFound();
        Type = type;

        var reader = User.ReaderAudience();
        var all = await store.ListPublishedAsync(EventSchedule.TypeName, reader, ct);
        NowLocal = EventSchedule.NowLocal();
        var upcoming = EventSchedule.Upcoming(all, NowLocal);
        var past = EventSchedule.Past(all, NowLocal);
        (UpcomingCount, PastCount) = (upcoming.Count, past.Count);
        Items = ShowsPast ? past : upcoming;
        Partners = await EventCalendarFiles.OrganisersAsync(store, Items, reader, ct);
        return Page();
    }

    public string UrlOf(ContentItem item) => ContentUrls.Of(Schema, item);

    /// <summary>Upcoming: the ranges not yet over; past: all of them.</summary>
    public IReadOnlyList<DateTimeRange> RangesToShow(ContentItem item) =>
        ShowsPast ? item.Ranges("when") : item.Ranges("when").Where(r => r.End >= NowLocal).ToList();

    public string CountDescription => ShowsPast ? "er afholdt. Nyeste først." : "på vej. De første først.";

    /// <summary>The feed's absolute address, from the site's public address (never the request's Host).</summary>
    public string FeedUrl => Request.PublicBaseUrl() + "/begivenheder.ics";

    /// <summary>The same for calendar apps that subscribe with webcal://.</summary>
    public string WebcalUrl => "webcal://" + new Uri(FeedUrl).GetComponents(UriComponents.HostAndPort | UriComponents.PathAndQuery, UriFormat.UriEscaped);
}
