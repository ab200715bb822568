using Videnscenter.Content.Items;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>When an editor publishes a course with more places, the waiting list moves up into them at once.</summary>
public sealed class CourseCapacityHandler(RegistrationStore registrations) : IContentEventHandler
{
    public async Task HandleAsync(ContentEvent contentEvent, CancellationToken ct)
    {
        if (contentEvent is not { Kind: ContentEventKind.Published, Item.Type: CourseFacts.TypeName }) return;
        var course = new CourseFacts(contentEvent.Item);
        await registrations.FillFreePlacesAsync(course.Item.Id, course.Capacity, ct);
    }
}
