using Videnscenter.Content;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Recoveryskolen;

public static class CourseLookup
{
    /// <summary>
    /// A course (or an event that takes sign-ups) by id for the system's own decisions (how many places, when to delete sign-ups),
    /// never for showing to a reader: the live version if there is one, otherwise the latest.
    /// </summary>
    public static async Task<RegistrableItem?> ForSystemAsync(ContentStore store, Guid courseId, CancellationToken ct)
    {
        var item = (await store.GetPublishedAsync([courseId], Audience.Medarbejder, ct)).FirstOrDefault()
                   ?? await store.GetLatestAsync(courseId, ct);
        return item is null ? null : RegistrableItem.Of(item);
    }
}
