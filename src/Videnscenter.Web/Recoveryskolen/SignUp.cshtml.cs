using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>
/// Signing up for a course, without referral or account. The course page posts its form here; a
/// form with errors comes back on this page with the typed text kept. A stored sign-up answers
/// with the receipt and the participant's secret link.
/// </summary>
[EnableRateLimiting(RecoveryskolenFeature.SignUpRateLimit)]
public sealed class SignUpModel(ContentStore store, RegistrationStore registrations, TimeProvider clock) : PageModel
{
    [BindProperty]
    public SignUpForm Form { get; set; } = new();

    public CourseFacts Course { get; private set; } = null!;
    public CourseAvailability Availability { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    /// <summary>Set when the sign-up was stored: the page then shows the receipt.</summary>
    public ReceiptView? Receipt { get; private set; }

    public SignUpFormView FormView => new(Course.Item.Slug, Form, Errors, Availability, Course.DeleteAfterUtc);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) =>
        await LoadAsync(slug, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct)) return NotFound();
        if (!Availability.Open)
        {
            Errors = [new FieldError("", Availability.Ended ? "Kurset er slut, så du kan ikke længere tilmelde dig." : "Du kan ikke tilmelde dig kurset endnu.")];
            return Page();
        }
        Errors = Form.Validate();
        if (Errors.Count > 0) return Page();

        var receipt = await registrations.SignUpAsync(Course.Item.Id, Course.Capacity, Course.LastEndUtc ?? Course.DeleteAfterUtc,
            Form.Name!, Form.Email, Form.Phone, ct);
        // The receipt with the personal link is the answer to the very request that stored the
        // sign-up: no second request (a redirect) that could be lost between storing and showing.
        // Should the answer still be lost, the sign-up can be found by its e-mail (RegistrationStore.FindByEmailAsync).
        Receipt = await ReceiptView.LoadAsync(receipt.Registration, receipt.Token, isNew: true, store, registrations, User, Request, ct);
        PrivatePage.Apply(Response);
        return Page();
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        // The rule of every route: a course the reader may not see does not exist for them.
        var item = await store.GetPublishedAsync(CourseFacts.TypeName, slug, User.ReaderAudience(), ct);
        if (item is null) return false;
        Course = new CourseFacts(item);
        Availability = CourseAvailability.Of(Course, await registrations.CountAsync(item.Id, ct), clock.GetUtcNow().UtcDateTime);
        return true;
    }
}
