using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>
/// A participant's own page at their secret link: where they see whether they have moved up from
/// the waiting list, and can cancel. (Right after signing up, the sign-up's own answer is the
/// receipt.) A wrong link answers 404 and says nothing else.
/// </summary>
public sealed class ReceiptModel(ContentStore store, RegistrationStore registrations) : PageModel
{
    public static string UrlOf(string token) => $"/kurser/min-tilmelding/{token}";

    /// <summary>Links from before the receipt became the sign-up's answer still say "thank you".</summary>
    [BindProperty(SupportsGet = true, Name = "ny")]
    public string? New { get; set; }

    public ReceiptView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var registration = await registrations.FindByTokenAsync(token, ct);
        if (registration is null) return NotFound();
        View = await ReceiptView.LoadAsync(registration, token, New is not null, store, registrations, User, Request, ct);
        PrivatePage.Apply(Response);
        return Page();
    }
}

/// <summary>What the receipt shows: the sign-up, its course (if the reader may see it), the place on the waiting list and the link.</summary>
public sealed record ReceiptView(CourseRegistration Registration, RegistrableItem? Course, int? WaitingPosition, string Token,
    string PersonalLink, bool IsNew)
{
    public DateTime DeleteAfterUtc => Course?.DeleteAfterUtc ?? Registration.CourseEndsUtc + RegistrableItem.RetentionAfterEnd;

    public string Heading => Registration.Status switch
    {
        RegistrationStatus.Cancelled => "Du er afmeldt",
        RegistrationStatus.Confirmed when Registration.PromotedUtc is not null => "Du har fået en plads",
        RegistrationStatus.Confirmed => IsNew ? "Tak – du er tilmeldt" : "Du er tilmeldt",
        _ => IsNew ? "Du er skrevet på ventelisten" : "Du er på ventelisten",
    };

    public static async Task<ReceiptView> LoadAsync(CourseRegistration registration, string token, bool isNew, ContentStore store,
        RegistrationStore registrations, System.Security.Claims.ClaimsPrincipal user, HttpRequest request, CancellationToken ct)
    {
        var waiting = await registrations.WaitingPositionAsync(registration, ct);
        // The link proves the sign-up, not access: the course itself follows the rule of every route.
        var item = (await store.GetPublishedAsync([registration.CourseId], user.ReaderAudience(), ct)).FirstOrDefault();
        return new ReceiptView(registration, item is null ? null : new RegistrableItem(item), waiting, token,
            request.PublicBaseUrl() + ReceiptModel.UrlOf(token), isNew);
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
