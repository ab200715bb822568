using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Videnscenter.Web.Pages.Errors;

/// <summary>Danish error pages for status codes (re-executed by the status code middleware).</summary>
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code)
    {
        Code = code;
        // Only when re-executed for an error; a direct visit to /fejl/404 also answers 404.
        Response.StatusCode = code is >= 400 and < 600 ? code : 404;
    }

    public (string Title, string Text) Message => Code switch
    {
        404 => ("Siden findes ikke", "Vi kan ikke finde den side, du leder efter. Den kan være flyttet eller slettet, eller adressen kan være skrevet forkert."),
        429 => ("For mange forsøg", "Du har prøvet mange gange på kort tid. Vent et minut, og prøv igen."),
        400 => ("Forespørgslen kunne ikke bruges", "Siden fik en forespørgsel, den ikke kunne bruge. Gå tilbage, genindlæs siden, og prøv igen."),
        403 => ("Du har ikke adgang", "Du har ikke adgang til denne side."),
        _ => ("Der skete en fejl", "Der skete en fejl hos os. Prøv igen om lidt."),
    };
}
