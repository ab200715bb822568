using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>
/// Cancelling at the participant's secret link: asks first, then cancels, wipes their data, gives
/// the place to the first on the waiting list and shows the receipt page saying so.
/// </summary>
public sealed class CancelModel(ContentStore store, RegistrationStore registrations) : PageModel
{
    public CourseRegistration Registration { get; private set; } = null!;
    public RegistrableItem? Course { get; private set; }
    public string ReceiptUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct)) return NotFound();
        if (Registration.Status == RegistrationStatus.Cancelled) return Redirect(ReceiptUrl);
        var item = (await store.GetPublishedAsync([Registration.CourseId], User.ReaderAudience(), ct)).FirstOrDefault();
        Course = item is null ? null : new RegistrableItem(item);
        PrivatePage.Apply(Response);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct)) return NotFound();
        // How many places there are is the system's business, whoever is reading.
        var course = await CourseLookup.ForSystemAsync(store, Registration.CourseId, ct);
        await registrations.CancelAsync(Registration.Id, course?.Capacity ?? 0, RegistrationStore.CancelledByParticipant, ct);
        return Redirect(ReceiptUrl);
    }

    private async Task<bool> LoadAsync(string token, CancellationToken ct)
    {
        var registration = await registrations.FindByTokenAsync(token, ct);
        if (registration is null) return false;
        Registration = registration;
        ReceiptUrl = ReceiptModel.UrlOf(token);
        return true;
    }
}
