using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>One semester's course catalogue, e.g. /kurser/semester/foraar-2027.</summary>
public sealed class SemesterModel(ContentStore store, SchemaStore schemaStore, RegistrationStore registrations, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "for")]
    public string? For { get; set; }

    public Catalogue Catalogue { get; private set; } = null!;
    public Semester Semester => Catalogue.Selected!;

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        var catalogue = await Catalogue.LoadAsync(store, schemaStore, registrations, clock.GetUtcNow().UtcDateTime,
            User.ReaderAudience(), key, For, ct);
        if (catalogue?.Selected is null) return NotFound();
        Catalogue = catalogue;
        return Page();
    }
}
