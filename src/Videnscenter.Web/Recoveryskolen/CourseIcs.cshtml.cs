using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Events;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>/kurser/{slug}.ics: every session of a course for the reader's calendar.</summary>
public sealed class CourseIcsModel(ContentStore store, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var item = await store.GetPublishedAsync(RegistrableItem.TypeName, slug, User.ReaderAudience(), ct);
        if (item is null) return NotFound();
        var course = new RegistrableItem(item);
        var events = CourseCalendar.Events(course, Request.PublicBaseUrl());
        // A signed-in reader may get an internal course: never let a shared cache keep it.
        Response.Headers.CacheControl = "private, max-age=300";
        var bytes = ICalendarWriter.WriteUtf8($"Recoveryskolen: {item.Title}", events, clock.GetUtcNow().UtcDateTime);
        return File(bytes, ICalendarWriter.ContentType, $"{item.Slug}.ics");
    }
}
