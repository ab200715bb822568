using Microsoft.AspNetCore.Mvc;
using Videnscenter.Media.Library;
using Videnscenter.Web.Editing;

namespace Videnscenter.Web.Media;

/// <summary>
/// /admin/medier: editors upload files and see every file in the library with a thumbnail and
/// where it is used. A refused upload stores nothing and keeps the typed alt text.
/// </summary>
[RequestSizeLimit(MediaForm.RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = MediaForm.RequestLimit)]
public sealed class IndexModel(MediaLibrary library, MediaUses uses) : AdminPage
{
    public IReadOnlyList<MediaFile> Files { get; private set; } = [];
    public ILookup<string, MediaUse> Uses { get; private set; } = Enumerable.Empty<MediaUse>().ToLookup(_ => "");

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? AltText { get; set; }

    public Dictionary<string, List<string>> Errors { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await library.UploadAsync(MediaForm.ToUpload(Upload, AltText), User.Identity?.Name ?? "ukendt", ct);
        if (!result.Succeeded)
        {
            Errors = MediaForm.ByField(result.Errors);
            await LoadAsync(ct);
            return Page();
        }
        var file = result.File!;
        Message = file.Name == MediaNames.Sanitise(file.OriginalName, file.Kind)
            ? $"«{file.OriginalName}» er uploadet som {file.Name}."
            : $"«{file.OriginalName}» er uploadet som {file.Name}, fordi navnet var taget.";
        return RedirectToPage("Edit", new { name = file.Name });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Files = await library.ListAsync(ct);
        Uses = await uses.AllAsync(ct);
    }
}
