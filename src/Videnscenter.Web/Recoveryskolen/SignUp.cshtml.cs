using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>
/// Signing up for a course, without referral or account. The course page posts its form here; a
/// form with errors comes back on this page with the typed text kept. A stored sign-up answers
/// with the receipt and the participant's secret link; the same person signing up again is told so
/// and can have their link sent again, but never gets a second seat.
/// </summary>
[EnableRateLimiting(RecoveryskolenFeature.SignUpRateLimit)]
public sealed class SignUpModel(ContentStore store, RegistrationStore registrations, SignUpLimits limits, TimeProvider clock) : PageModel
{
    [BindProperty]
    public SignUpForm Form { get; set; } = new();

    public RegistrableItem Course { get; private set; } = null!;
    public CourseAvailability Availability { get; private set; } = null!;
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    /// <summary>Set when the sign-up was stored: the page then shows the receipt.</summary>
    public ReceiptView? Receipt { get; private set; }
    /// <summary>Set when the person was already signed up for this course.</summary>
    public CourseRegistration? Earlier { get; private set; }
    /// <summary>The answer to "send my link again".</summary>
    public string? LinkMessage { get; private set; }

    public SignUpFormView FormView => new(Course.SignUpUrl, Form, Errors, Availability, Course.DeleteAfterUtc);

    public async Task<IActionResult> OnGetAsync(string section, string slug, CancellationToken ct) =>
        await LoadAsync(section, slug, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string section, string slug, CancellationToken ct)
    {
        if (!await LoadAsync(section, slug, ct)) return NotFound();
        if (!Availability.Open)
        {
            Errors = [new FieldError("", Availability.ClosedText)];
            return Page();
        }
        if (Form.LooksScripted)
        {
            Errors = [new FieldError("", Course.IsEvent ? "Tilmeldingen kunne ikke modtages. Prøv igen, eller kontakt arrangøren." : "Tilmeldingen kunne ikke modtages. Prøv igen, eller kontakt Recoveryskolen.")];
            return Page();
        }
        Errors = Form.Validate();
        if (Errors.Count > 0) return Page();
        if (!limits.TryTake(HttpContext.Connection.RemoteIpAddress?.ToString(), Course.Item.Id))
        {
            Errors = [new FieldError("", "Der er kommet mange tilmeldinger på kort tid. Vent et par minutter, og prøv så igen.")];
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var receipt = await registrations.SignUpAsync(Course.Item.Id, Course.Capacity, Course.LastEndUtc ?? Course.DeleteAfterUtc,
            Form.Name!, Form.Email, Form.Phone, ct);
        if (receipt.AlreadySignedUp)
        {
            Earlier = receipt.Registration;
            return Page();
        }
        // The receipt with the personal link is the answer to the very request that stored the
        // sign-up: no second request (a redirect) that could be lost between storing and showing.
        // Should the answer still be lost, the sign-up can be found by its e-mail (RegistrationStore.FindByEmailAsync).
        Receipt = await ReceiptView.LoadAsync(receipt.Registration, receipt.Token, isNew: true, store, registrations, User, Request, ct);
        PrivatePage.Apply(Response);
        return Page();
    }

    /// <summary>"Send mig linket igen": to the e-mail of the earlier sign-up, found by the e-mail or phone typed.</summary>
    public async Task<IActionResult> OnPostSendLinkAsync(string section, string slug, CancellationToken ct)
    {
        if (!await LoadAsync(section, slug, ct)) return NotFound();
        if (!limits.TryTake(HttpContext.Connection.RemoteIpAddress?.ToString(), Course.Item.Id))
        {
            LinkMessage = "Du har bedt om linket mange gange på kort tid. Vent et par minutter, og prøv så igen.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        Earlier = await registrations.FindSameAsync(Course.Item.Id, Form.Email, Form.Phone, ct);
        if (Earlier is null) return Page();
        LinkMessage = await registrations.SendLinkAgainAsync(Earlier.Id, ct)
            ? "Vi har sendt dit link til den e-mail, du tilmeldte dig med. Kan du ikke finde mailen, så kig i din spam-mappe."
            : $"Vi har ikke en e-mail på din tilmelding, så vi kan ikke sende linket. Kontakt {(Course.IsEvent ? "arrangøren" : "Recoveryskolen")}, så hjælper vi dig.";
        return Page();
    }

    private async Task<bool> LoadAsync(string section, string slug, CancellationToken ct)
    {
        // The rule of every route: a course the reader may not see does not exist for them.
        var type = section == RegistrableItem.SectionOf(RegistrableItem.EventTypeName) ? RegistrableItem.EventTypeName : RegistrableItem.TypeName;
        var item = await store.GetPublishedAsync(type, slug, User.ReaderAudience(), ct);
        if (item is null || RegistrableItem.Of(item) is not { } registrable) return false;
        Course = registrable;
        Availability = CourseAvailability.Of(Course, await registrations.CountAsync(item.Id, ct), clock.GetUtcNow().UtcDateTime);
        return true;
    }
}
