using Videnscenter.Content.Items;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>When an editor publishes a course (or an event taking sign-ups) with more places, the waiting list moves up into them at once.</summary>
public sealed class CourseCapacityHandler(RegistrationStore registrations) : IContentEventHandler
{
    public async Task HandleAsync(ContentEvent contentEvent, CancellationToken ct)
    {
        if (contentEvent.Kind != ContentEventKind.Published || RegistrableItem.Of(contentEvent.Item) is not { } course) return;
        await registrations.FillFreePlacesAsync(course.Item.Id, course.Capacity, ct);
    }
}
