using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Events;

/// <summary>One event as an .ics file to add to a calendar; 404 when the reader may not see the event.</summary>
public sealed class EventModel(ContentStore store, SchemaStore schemaStore) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var schema = await schemaStore.GetAsync(ct);
        var reader = User.ReaderAudience();
        var item = await store.GetPublishedAsync(EventSchedule.TypeName, slug, reader, ct);
        if (item is null) return NotFound();
        var visible = await EventCalendarFiles.OrganisersAsync(store, [item], reader, ct);
        var entries = EventSchedule.ToCalendar(item, schema, Request.PublicBaseUrl(), visible);
        return EventCalendarFiles.Send(this, item.Title, entries, fileName: $"{item.Slug}.ics");
    }
}

/// <summary>What the two calendar routes share: organiser look-up and the HTTP response.</summary>
internal static class EventCalendarFiles
{
    public static async Task<IReadOnlyDictionary<Guid, ContentItem>> OrganisersAsync(ContentStore store,
        IEnumerable<ContentItem> events, Videnscenter.Content.Audience reader, CancellationToken ct)
    {
        var ids = events.SelectMany(e => e.References("organiser")).Select(r => r.Id);
        return (await store.GetPublishedAsync(ids, reader, ct)).ToDictionary(p => p.Id);
    }

    public static IActionResult Send(PageModel page, string calendarName, IEnumerable<CalendarEvent> entries, string? fileName)
    {
        // What a signed-in reader gets may hold internal events: never let a shared cache keep it.
        page.Response.Headers.CacheControl = "private, max-age=300";
        var bytes = ICalendarWriter.WriteUtf8(calendarName, entries);
        return fileName is null
            ? page.File(bytes, ICalendarWriter.ContentType)
            : page.File(bytes, ICalendarWriter.ContentType, fileName);
    }
}
