using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>/kurser/semester/{key}.pdf: the semester's catalogue to print, with the courses the reader may see.</summary>
public sealed class SemesterPdfModel(ContentStore store, SchemaStore schemaStore, RegistrationStore registrations, TimeProvider clock,
    ILogger<SemesterPdfModel> log) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        var catalogue = await Catalogue.LoadAsync(store, schemaStore, registrations, clock.GetUtcNow().UtcDateTime,
            User.ReaderAudience(), key, audience: null, ct);
        if (catalogue?.Selected is not { } semester) return NotFound();
        byte[] pdf;
        try
        {
            pdf = CataloguePdf.Render(semester, catalogue.Entries.Select(e => e.Course).ToList(), Request.PublicBaseUrl());
        }
        catch (FontsMissingException e)
        {
            // An installation fault, not the reader's: say so in the log, and answer with the Danish error page.
            log.LogError(e, "Kursuskataloget som PDF kunne ikke laves");
            return StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        Response.Headers.CacheControl = "private, max-age=300";
        // Inline: the browser shows it, ready to print; the name is used if it is saved.
        Response.Headers.ContentDisposition = $"inline; filename=\"recoveryskolen-kursuskatalog-{semester.Key}.pdf\"";
        return File(pdf, "application/pdf");
    }
}
