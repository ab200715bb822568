using Microsoft.AspNetCore.Mvc;
using Videnscenter.Content.Definitions;
using Videnscenter.Media.Library;
using Videnscenter.Media.Slides;
using Videnscenter.Web.Editing;
using Videnscenter.Web.Search;

namespace Videnscenter.Web.Media;

/// <summary>
/// /admin/medier/{name}: one file: preview, alt text, replace (same name, same kind, checked like an
/// upload), where it is used, and delete (only when nothing uses it).
/// </summary>
[RequestSizeLimit(MediaForm.RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = MediaForm.RequestLimit)]
public sealed class EditModel(MediaLibrary library, MediaUses uses, SiteSearch search, SchemaStore schemaStore) : AdminPage
{
    public MediaFile Media { get; private set; } = null!;
    public IReadOnlyList<MediaUse> Uses { get; private set; } = [];
    public SlideExtraction? Slides { get; private set; }

    [BindProperty]
    public string? AltText { get; set; }

    [BindProperty]
    public IFormFile? Replacement { get; set; }

    public Dictionary<string, List<string>> Errors { get; private set; } = [];
    public string? DeleteError { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct)) return NotFound();
        AltText = Media.AltText;
        return Page();
    }

    public async Task<IActionResult> OnPostAltTextAsync(string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct)) return NotFound();
        var result = await library.SetAltTextAsync(name, AltText, ct);
        if (!result.Succeeded)
        {
            Errors = MediaForm.ByField(result.Errors);
            return Page();
        }
        Message = "Den alternative tekst er gemt.";
        return RedirectToPage(new { name });
    }

    public async Task<IActionResult> OnPostReplaceAsync(string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct)) return NotFound();
        var result = await library.ReplaceAsync(name, MediaForm.ToUpload(Replacement, null), User.Identity?.Name ?? "ukendt", ct);
        if (!result.Succeeded)
        {
            Errors = MediaForm.ByField(result.Errors);
            AltText = Media.AltText;
            return Page();
        }
        await ReindexDecksAsync(ct);
        Message = $"Filen er erstattet med «{result.File!.OriginalName}». Alt indhold, der bruger {name}, viser nu den nye udgave.";
        return RedirectToPage(new { name });
    }

    public async Task<IActionResult> OnPostDeleteAsync(string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct)) return NotFound();
        if (Uses.Count > 0)
        {
            DeleteError = $"{name} kan ikke slettes, fordi den bruges af {(Uses.Count == 1 ? "1 emne" : $"{Uses.Count} emner")}. Fjern den fra dem først.";
            AltText = Media.AltText;
            return Page();
        }
        await library.DeleteAsync(name, ct);
        Message = $"{name} er slettet.";
        return RedirectToPage("Index");
    }

    private async Task<bool> LoadAsync(string name, CancellationToken ct)
    {
        if (await library.FindAsync(name, ct) is not { } file) return false;
        Media = file;
        Uses = await uses.OfAsync(name, ct);
        Slides = file.Kind.HasSlides() ? await library.SlidesAsync(file, ct) : null;
        return true;
    }

    /// <summary>Published slide decks using the file are searched by its slides: index the new text now.</summary>
    private async Task ReindexDecksAsync(CancellationToken ct)
    {
        var schema = await schemaStore.GetAsync(ct);
        foreach (var use in Uses.Where(u => u.Live && u.Type is not null && u.Item.Type == Videnscenter.Web.Slides.SlidesFeature.TypeName))
        {
            search.Index.DeleteByPrefix(SearchDocuments.Prefix(use.Item.Id));
            search.Index.Upsert(SearchDocuments.From(use.Item, use.Type!, schema, await search.FileSlidesAsync(use.Item, ct)));
        }
    }
}
