using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Content.Recipes;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Deployment;

/// <summary>Administrators export chosen types or items as a deployment package, and import one from another site.</summary>
[Authorize(Roles = Roles.Administrator)]
[RequestSizeLimit(DeploymentPackage.MaxPackageBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = DeploymentPackage.MaxPackageBytes)]
public sealed class DeploymentModel(ContentStore store, SchemaStore schemaStore, DeploymentPackage packages, TimeProvider clock) : PageModel
{
    public sealed record TypeChoice(ContentTypeDefinition Type, IReadOnlyList<ContentItem> Items);

    public IReadOnlyList<TypeChoice> Choices { get; private set; } = [];
    [BindProperty] public List<string> Types { get; set; } = [];
    [BindProperty] public List<Guid> Items { get; set; } = [];
    public IFormFile? Package { get; set; }
    public string? ExportError { get; private set; }
    public RecipeContext? Imported { get; private set; }
    public string? ImportError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostExportAsync(CancellationToken ct)
    {
        if (Types.Count == 0 && Items.Count == 0)
        {
            ExportError = "Vælg mindst én indholdstype eller ét indhold, der skal med i pakken.";
            await LoadAsync(ct);
            return Page();
        }
        // A temporary file, not memory: a package with a section's decks can be large.
        var path = Path.GetTempFileName();
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await packages.ExportAsync(file, Types, Items, ct);
        file.Position = 0;
        var day = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return File(file, "application/zip", $"videnscenter-udrulning-{day}.zip");
    }

    /// <summary>The import is the page's plain post (a multipart form, like the media library's upload); the export is a named handler.</summary>
    public async Task<IActionResult> OnPostAsync(IFormFile? package, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (package is null || package.Length == 0)
        {
            ImportError = "Vælg den .zip-fil, som eksporten på det andet site gav.";
            return Page();
        }
        await using var stream = package.OpenReadStream();
        Imported = await packages.ImportAsync(stream, User.Identity?.Name ?? RecipeContext.SetupAuthor, ct);
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>"Pakken er læst: 1 oprettet, 2 opdateret, 10 uændret, 1 kunne ikke importeres.", or that it was refused whole.</summary>
    public string Summary
    {
        get
        {
            if (Imported is not { } imported) return "";
            if (imported.ContentOutcomes.Count == 0 && imported.Problems.Count > 0) return "Pakken blev afvist, og intet er ændret.";
            int Count(ImportOutcome o) => imported.ContentOutcomes.GetValueOrDefault(o);
            var text = $"Pakken er læst: {Count(ImportOutcome.Created)} oprettet, {Count(ImportOutcome.Updated)} opdateret, {Count(ImportOutcome.Unchanged)} uændret";
            return Count(ImportOutcome.Failed) is var failed and > 0 ? $"{text}, {failed} kunne ikke importeres." : text + ".";
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var schema = await schemaStore.GetAsync(ct);
        var published = await store.ListPublishedAsync(null, Audience.Medarbejder, ct);
        Choices = [.. schema.Types.Select(t => new TypeChoice(t, [.. published.Where(i => i.Type == t.Name).OrderBy(i => i.Title, StringComparer.Create(Danish.Culture, false))]))];
    }
}
