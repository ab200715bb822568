using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>
/// /kurser: Recoveryskolen's catalogue for the current semester (or the next, once the current one
/// is over), with links to every semester's own catalogue page.
/// </summary>
public sealed class IndexModel(ContentStore store, SchemaStore schemaStore, RegistrationStore registrations, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "for")]
    public string? For { get; set; }

    public Catalogue Catalogue { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var catalogue = await Catalogue.LoadAsync(store, schemaStore, registrations, clock.GetUtcNow().UtcDateTime,
            User.ReaderAudience(), semesterKey: null, For, ct);
        if (catalogue is null) return NotFound();
        Catalogue = catalogue;
        return Page();
    }
}
