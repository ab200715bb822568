using Videnscenter.Web.Sections;

namespace Videnscenter.Web.Events;

/// <summary>Events: the list at /begivenheder, the iCalendar feeds, and the event page's template and extras.</summary>
public static class EventsFeature
{
    public static IServiceCollection AddEvents(this IServiceCollection services) => services
        .AddDisplayTemplate(EventSchedule.TypeName, "/Events/EventDisplay.cshtml")
        .AddDisplayExtras<EventDisplayExtras>();
}
