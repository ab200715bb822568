using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Recoveryskolen;

namespace Videnscenter.Web.Recoveryskolen.Admin;

/// <summary>
/// Editors see who has a place on a course and who is waiting, and can cancel for someone who
/// rang in; the place then goes to the first on the waiting list, as when they cancel themselves.
/// </summary>
[Authorize(Roles = $"{Roles.Administrator},{Roles.Editor}")]
public sealed class ParticipantsModel(ContentStore store, RegistrationStore registrations, TimeProvider clock) : PageModel
{
    public RegistrableItem Course { get; private set; } = null!;
    public IReadOnlyList<CourseRegistration> Confirmed { get; private set; } = [];
    public IReadOnlyList<CourseRegistration> Waiting { get; private set; } = [];
    public CourseAvailability Availability { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    /// <summary>The sign-up an editor clicked "Afmeld" on: asked once more before anything happens.</summary>
    [BindProperty(SupportsGet = true, Name = "afmeld")]
    public Guid? ToCancel { get; set; }

    public CourseRegistration? Confirming => ToCancel is { } id ? Confirmed.Concat(Waiting).FirstOrDefault(r => r.Id == id) : null;

    public async Task<IActionResult> OnGetAsync(string section, string slug, CancellationToken ct) =>
        await LoadAsync(section, slug, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCancelAsync(string section, string slug, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(section, slug, ct)) return NotFound();
        // Only a sign-up of this course: an id from another course's page does nothing.
        if (!Confirmed.Concat(Waiting).Any(r => r.Id == id)) return NotFound();
        var outcome = await registrations.CancelAsync(id, Course.Capacity, User.Identity?.Name ?? "redaktør", ct);
        if (outcome is { WasAlreadyCancelled: false })
        {
            Message = $"{outcome.Name} er afmeldt."
                      + (outcome.Promoted.Count > 0 ? $" {string.Join(" og ", outcome.Promoted.Select(p => p.Name))} er rykket op fra ventelisten og har fået pladsen." : "");
        }
        return Redirect(Course.ParticipantsUrl);
    }

    private async Task<bool> LoadAsync(string section, string slug, CancellationToken ct)
    {
        var type = section == RegistrableItem.SectionOf(RegistrableItem.EventTypeName) ? RegistrableItem.EventTypeName : RegistrableItem.TypeName;
        var id = await store.FindBySlugAsync(type, slug, ct);
        if (id is null || await CourseLookup.ForSystemAsync(store, id.Value, ct) is not { } course) return false;
        Course = course;
        var all = await registrations.ListAsync(course.Item.Id, ct);
        Confirmed = all.Where(r => r.Status == RegistrationStatus.Confirmed).ToList();
        Waiting = all.Where(r => r.Status == RegistrationStatus.Waiting).ToList();
        Availability = CourseAvailability.Of(course, new CourseCount(Confirmed.Count, Waiting.Count), clock.GetUtcNow().UtcDateTime);
        return true;
    }
}
