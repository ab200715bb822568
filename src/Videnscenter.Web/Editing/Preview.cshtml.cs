using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Theme.Display;
using Videnscenter.Web.Sections;

namespace Videnscenter.Web.Editing;

/// <summary>
/// A version (by default the latest draft) exactly as its readers will see it once published: the
/// public page's own template and display model, with the preview banner.
/// </summary>
public sealed class PreviewModel(ContentStore store, SchemaStore schemaStore, DisplayTemplates templates, UserManager<IdentityUser> users) : AdminPage
{
    protected override bool StaffAllowed => true;

    public DisplayModel Display { get; private set; } = null!;
    public string Template { get; private set; } = DisplayTemplates.Generic;
    public ContentTypeDefinition Type { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string type, Guid id, int? version, CancellationToken ct)
    {
        var schema = await schemaStore.GetAsync(ct);
        if (AdminUrls.TypeOf(schema, type) is not { } definition) return NotFound();
        Type = definition;
        var item = version is { } n ? await store.GetVersionAsync(id, n, ct) : await store.GetLatestAsync(id, ct);
        if (item is null || item.Type != Type.Name) return NotFound();
        if (User.IsStaffOnly())
        {
            // Staff preview their own profile only; ownership is judged on the latest version.
            var latest = await store.GetLatestAsync(id, ct);
            var user = await users.GetUserAsync(User);
            if (latest is null || user is null || !AdminAccess.OwnsProfile(latest, user.UserName, user.Email)) return NotFound();
        }

        // Linked items as the item's least privileged reader sees them, so the preview shows no
        // link a reader of this page would not get.
        Display = await DetailModel.BuildAsync(store, schema, Type, item, item.Audience, ct, preview: true);
        Template = templates.For(Type.Name);
        return Page();
    }
}
