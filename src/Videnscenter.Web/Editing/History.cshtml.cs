using Microsoft.AspNetCore.Mvc;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Editing;

/// <summary>Every version of an item, what changed in each, and restoring an old one as a new draft.</summary>
public sealed class HistoryModel(ContentStore store, SchemaStore schemaStore) : AdminPage
{
    public ContentSchema Schema { get; private set; } = ContentSchema.Empty;
    public ContentTypeDefinition Type { get; private set; } = null!;
    public IReadOnlyList<ContentItem> Versions { get; private set; } = [];
    public ContentItem Latest => Versions[0];
    public ContentItem Selected { get; private set; } = null!;
    public ContentItem? Previous { get; private set; }
    public IReadOnlyList<DiffSection> Changes { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string type, Guid id, int? version, CancellationToken ct)
    {
        if (!await LoadAsync(type, id, version, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(string type, Guid id, int version, CancellationToken ct)
    {
        if (!await LoadAsync(type, id, version, ct) || Versions.All(v => v.VersionNumber != version)) return NotFound();
        var result = await store.RestoreAsync(id, version, User.Identity?.Name ?? "ukendt", ct);
        if (!result.Succeeded)
        {
            // E.g. the old address is taken by another item by now: say so here, restore nothing.
            Errors = result.Errors;
            return Page();
        }
        return Redirect(AdminUrls.Edit(Type, id) + $"?besked=gendannet&fra={version}");
    }

    private async Task<bool> LoadAsync(string type, Guid id, int? version, CancellationToken ct)
    {
        Schema = await schemaStore.GetAsync(ct);
        if (AdminUrls.TypeOf(Schema, type) is not { } definition) return false;
        Type = definition;
        Versions = await store.HistoryAsync(id, ct);
        if (Versions.Count == 0 || Versions[0].Type != Type.Name) return false;

        Selected = Versions.FirstOrDefault(v => v.VersionNumber == version) ?? Versions[0];
        Previous = Versions.FirstOrDefault(v => v.VersionNumber < Selected.VersionNumber);
        var titles = (await store.ListLatestAsync(null, ct)).ToDictionary(i => i.Id, i => i.Title);
        Changes = VersionDiff.Compare(Previous, Selected, Type, Schema, titles);
        return true;
    }
}
