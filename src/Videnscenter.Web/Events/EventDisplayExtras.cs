using Videnscenter.Content.Items;
using Videnscenter.Theme.Display;
using Videnscenter.Web.Hosting;
using Videnscenter.Web.Sections;

namespace Videnscenter.Web.Events;

/// <summary>An event page also carries schema.org markup and links to the events before and after it.</summary>
public sealed class EventDisplayExtras(ContentStore store) : IDisplayExtras
{
    public string TypeName => EventSchedule.TypeName;

    public async Task<DisplayModel> AddToAsync(DisplayModel display, HttpRequest request, Videnscenter.Content.Audience reader, CancellationToken ct)
    {
        var baseUrl = request.PublicBaseUrl();
        var events = EventSchedule.Chronological(await store.ListPublishedAsync(EventSchedule.TypeName, reader, ct));
        var index = events.ToList().FindIndex(e => e.Id == display.Item.Id);
        return display with
        {
            StructuredData = EventJsonLd.Build(display.Item, display.Schema, baseUrl, display.Linked),
            Previous = index > 0 ? events[index - 1] : null,
            Next = index >= 0 && index < events.Count - 1 ? events[index + 1] : null,
        };
    }
}
