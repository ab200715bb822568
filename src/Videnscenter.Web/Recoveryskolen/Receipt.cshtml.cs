using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>
/// A participant's own page at their secret link: the receipt right after signing up, and later
/// where they see whether they have moved up from the waiting list. A wrong link answers 404 and
/// says nothing else.
/// </summary>
public sealed class ReceiptModel(ContentStore store, RegistrationStore registrations) : PageModel
{
    public static string UrlOf(string token) => $"/kurser/min-tilmelding/{token}";

    /// <summary>Set by the sign-up's redirect, to thank the person the first time.</summary>
    [BindProperty(SupportsGet = true, Name = "ny")]
    public string? New { get; set; }

    public bool IsNew => New is not null;

    public CourseRegistration Registration { get; private set; } = null!;
    /// <summary>Null when the reader may not see the course (anymore).</summary>
    public CourseFacts? Course { get; private set; }
    public int? WaitingPosition { get; private set; }
    public string Token { get; private set; } = "";
    public string PersonalLink => Request.PublicBaseUrl() + UrlOf(Token);
    public DateTime DeleteAfterUtc => Course?.DeleteAfterUtc ?? Registration.CourseEndsUtc + CourseFacts.RetentionAfterEnd;

    public string Heading => Registration.Status switch
    {
        RegistrationStatus.Cancelled => "Du er afmeldt",
        RegistrationStatus.Confirmed when Registration.PromotedUtc is not null => "Du har fået en plads",
        RegistrationStatus.Confirmed => IsNew ? "Tak – du er tilmeldt" : "Du er tilmeldt",
        _ => IsNew ? "Du er skrevet på ventelisten" : "Du er på ventelisten",
    };

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var registration = await registrations.FindByTokenAsync(token, ct);
        if (registration is null) return NotFound();
        Registration = registration;
        Token = token;
        WaitingPosition = await registrations.WaitingPositionAsync(registration, ct);
        // The link proves the sign-up, not access: the course itself follows the rule of every route.
        var item = (await store.GetPublishedAsync([registration.CourseId], User.ReaderAudience(), ct)).FirstOrDefault();
        Course = item is null ? null : new CourseFacts(item);
        PrivatePage.Apply(Response);
        return Page();
    }
}

/// <summary>Pages at a participant's secret link must not be cached or indexed.</summary>
public static class PrivatePage
{
    public static void Apply(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Robots-Tag"] = "noindex, nofollow";
    }
}
