using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Events;

/// <summary>
/// A calendar feed of every upcoming event the reader may see, to subscribe to in a calendar app.
/// Calendar apps subscribe without signing in, so in practice the feed holds the public events.
/// </summary>
public sealed class FeedModel(ContentStore store, SchemaStore schemaStore) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var schema = await schemaStore.GetAsync(ct);
        var reader = User.ReaderAudience();
        var now = EventSchedule.NowLocal();
        var upcoming = EventSchedule.Upcoming(await store.ListPublishedAsync(EventSchedule.TypeName, reader, ct), now);
        var visible = await EventCalendarFiles.OrganisersAsync(store, upcoming, reader, ct);
        var baseUrl = Request.PublicBaseUrl();
        var entries = upcoming.SelectMany(e => EventSchedule.ToCalendar(e, schema, baseUrl, visible, onlyEndingAfterLocal: now));
        return EventCalendarFiles.Send(this, "Videnscenter: begivenheder", entries, fileName: null);
    }
}
