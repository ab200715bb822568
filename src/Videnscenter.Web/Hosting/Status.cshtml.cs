using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Videnscenter.Web.Hosting;

/// <summary>Danish error pages for status codes (re-executed by the status code middleware).</summary>
// Re-executed with the failed request's method: a POST refused for its antiforgery token must
// still get this page, so the page itself takes no token.
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    // No handler parameters: binding one would read the form of the failed request, and a malformed
    // form (the reason this page may be showing) would then fail this page too.
    public void OnPost() => Show();

    public void OnGet() => Show();

    public int Code { get; private set; }

    private void Show()
    {
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var routeCode) ? routeCode : 404;
        // Re-executed by the exception handler, the status it chose (400 for a malformed request) wins over the path's.
        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is not null && Response.StatusCode is >= 400 and < 600)
            code = Response.StatusCode;
        Code = code;
        // Only when re-executed for an error; a direct visit to /fejl/404 also answers 404.
        Response.StatusCode = code is >= 400 and < 600 ? code : 404;
        if (HttpContext.Items[RateLimits.RetryAfterItem] is int seconds) RetryAfterSeconds = seconds;
    }

    /// <summary>Set when a rate limit refused the request: how long to wait.</summary>
    public int? RetryAfterSeconds { get; private set; }

    private string Wait => RetryAfterSeconds switch
    {
        null or 60 => "et minut",
        1 => "et sekund",
        > 90 and var s => $"{((s + 59) / 60).ToString(CultureInfo.InvariantCulture)} minutter",
        var s => $"{s.Value.ToString(CultureInfo.InvariantCulture)} sekunder",
    };

    public (string Title, string Text) Message => Code switch
    {
        404 => ("Siden findes ikke", "Vi kan ikke finde den side, du leder efter. Den kan være flyttet eller slettet, eller adressen kan være skrevet forkert."),
        429 => ("For mange forsøg", $"Du har prøvet mange gange på kort tid. Vent {Wait}, og prøv igen."),
        400 => ("Forespørgslen kunne ikke bruges", "Siden fik en forespørgsel, den ikke kunne bruge. Gå tilbage, genindlæs siden, og prøv igen."),
        403 => ("Du har ikke adgang", "Du har ikke adgang til denne side."),
        _ => ("Der skete en fejl", "Der skete en fejl hos os. Prøv igen om lidt."),
    };
}
