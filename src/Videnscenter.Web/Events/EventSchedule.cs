using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Theme.Display;

namespace Videnscenter.Web.Events;

/// <summary>
/// When events happen, seen from now: which are still to come and which are over, and how they
/// become calendar entries. Event times are stored as Danish local time ("when" ranges).
/// </summary>
public static class EventSchedule
{
    public const string TypeName = "Event";
    public const string UidDomain = "videnscenter.randers.dk";

    /// <summary>An event is upcoming until its last time range has ended.</summary>
    public static bool IsUpcoming(ContentItem item, DateTime nowLocal) => item.Ranges("when").Any(r => r.End >= nowLocal);

    /// <summary>Upcoming events, the soonest first (by their next range that has not ended).</summary>
    public static IReadOnlyList<ContentItem> Upcoming(IEnumerable<ContentItem> events, DateTime nowLocal) =>
        events.Select(e => (Item: e, Next: e.Ranges("when").FirstOrDefault(r => r.End >= nowLocal)))
            .Where(x => x.Next is not null)
            .OrderBy(x => x.Next!.Start).ThenBy(x => x.Item.Title, Danish.Sort)
            .Select(x => x.Item).ToList();

    /// <summary>Events that are over, the most recent first. Events without any time are not listed.</summary>
    public static IReadOnlyList<ContentItem> Past(IEnumerable<ContentItem> events, DateTime nowLocal) =>
        events.Select(e => (Item: e, Ranges: e.Ranges("when")))
            .Where(x => x.Ranges.Count > 0 && x.Ranges.All(r => r.End < nowLocal))
            .OrderByDescending(x => x.Ranges.Max(r => r.End)).ThenBy(x => x.Item.Title, Danish.Sort)
            .Select(x => x.Item).ToList();

    /// <summary>All events in date order (first range), for "previous/next event" links.</summary>
    public static IReadOnlyList<ContentItem> Chronological(IEnumerable<ContentItem> events) =>
        events.Select(e => (Item: e, First: e.Ranges("when").FirstOrDefault()))
            .Where(x => x.First is not null)
            .OrderBy(x => x.First!.Start).ThenBy(x => x.Item.Title, Danish.Sort)
            .Select(x => x.Item).ToList();

    public static DateTime NowLocal() => Danish.ToLocal(DateTime.UtcNow);

    /// <summary>
    /// The organiser as readers should see it: the partner it refers to (when the reader may see
    /// that partner) or the free-text organiser.
    /// </summary>
    public static (ContentItem? Partner, string? Text) Organiser(ContentItem item, IReadOnlyDictionary<Guid, ContentItem> visible) =>
        item.References("organiser").Select(r => visible.GetValueOrDefault(r.Id)).FirstOrDefault(p => p is not null) is { } partner
            ? (partner, partner.Title)
            : (null, item.Text("organiserText"));

    /// <summary>
    /// The organiser for a calendar: a partner's e-mail when it has one, else the partner's page; a
    /// free-text organiser has only a name, so the event's own page is their address.
    /// </summary>
    private static CalendarOrganiser? CalendarOrganiser(ContentItem? partner, string? name, ContentSchema schema, string baseUrl, string eventUrl)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        if (partner?.Text("email") is { } email && email.Contains('@')) return new(name, "mailto:" + email.Trim());
        return new(name, partner is not null ? baseUrl + ContentUrls.Of(schema, partner) : eventUrl);
    }

    /// <summary>Stable calendar UIDs: the item id for the first range, the id and its position for the others.</summary>
    public static string Uid(Guid itemId, int rangeIndex) =>
        rangeIndex == 0 ? $"{itemId}@{UidDomain}" : $"{itemId}-{rangeIndex + 1}@{UidDomain}";

    /// <summary>One calendar entry per time range of the event (optionally only those not yet over).</summary>
    public static IEnumerable<CalendarEvent> ToCalendar(ContentItem item, ContentSchema schema, string baseUrl,
        IReadOnlyDictionary<Guid, ContentItem> visible, DateTime? onlyEndingAfterLocal = null)
    {
        var url = baseUrl + ContentUrls.Of(schema, item);
        var (partner, organiser) = Organiser(item, visible);
        var description = string.Join("\n", new[]
        {
            item.Summary,
            organiser is null ? null : $"Arrangør: {organiser}",
            item.Text("signUp") is { } signUp ? $"Deltagelse: {signUp}" : null,
            item.Text("link") is { } link ? $"Læs mere: {link}" : null,
        }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var ranges = item.Ranges("when");
        for (var i = 0; i < ranges.Count; i++)
        {
            var r = ranges[i];
            if (onlyEndingAfterLocal is { } after && r.End < after) continue;
            yield return new CalendarEvent(Uid(item.Id, i), Danish.ToUtc(r.Start), Danish.ToUtc(r.End), item.Title,
                item.Text("place"), description, url, CalendarOrganiser(partner, organiser, schema, baseUrl, url));
        }
    }
}
