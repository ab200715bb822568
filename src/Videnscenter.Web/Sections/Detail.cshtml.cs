using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Theme.Display;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Editing;

namespace Videnscenter.Web.Sections;

/// <summary>A published item by its section and slug, rendered with its type's template or the generic one.</summary>
public sealed class DetailModel(ContentStore store, SchemaStore schemaStore, DisplayTemplates templates, IEnumerable<IDisplayExtras> extras,
    UserManager<IdentityUser> users) : PageModel
{
    public DisplayModel Display { get; private set; } = null!;
    public string Template { get; private set; } = DisplayTemplates.Generic;

    public async Task<IActionResult> OnGetAsync(string section, string slug, CancellationToken ct)
    {
        var schema = await schemaStore.GetAsync(ct);
        var type = schema.BySection(section);
        var reader = User.ReaderAudience();
        // An item the reader may not see answers 404 like a missing one, so its existence is not revealed.
        var item = type is null ? null : await store.GetPublishedAsync(type.Name, slug, reader, ct);
        if (type is null || item is null) return NotFound();

        Display = await BuildAsync(store, schema, type, item, reader, ct);
        Display = await extras.WithExtrasAsync(Display, Request, reader, ct);
        Display = Display with { EditUrl = await EditUrlAsync(type, item) };
        Template = templates.For(type.Name);
        return Page();
    }

    /// <summary>"Rediger" for those who may edit the item: editors, and staff on their own competence profile.</summary>
    private async Task<string?> EditUrlAsync(ContentTypeDefinition type, ContentItem item)
    {
        if (User.IsEditor()) return AdminUrls.Edit(type, item.Id);
        if (!User.IsStaffOnly() || item.Type != AdminAccess.ProfileType) return null;
        var user = await users.GetUserAsync(User);
        return user is not null && AdminAccess.OwnsProfile(item, user.UserName, user.Email) ? AdminUrls.Edit(type, item.Id) : null;
    }

    internal static async Task<DisplayModel> BuildAsync(ContentStore store, ContentSchema schema, ContentTypeDefinition type,
        ContentItem item, Videnscenter.Content.Audience reader, CancellationToken ct, bool preview = false)
    {
        var referenced = type.Fields.Where(f => f.Kind == FieldKind.Reference)
            .SelectMany(f => item.References(f.Name)).Select(r => r.Id);
        var linked = await store.GetPublishedAsync(referenced, reader, ct);
        var backlinks = await store.GetPublishedReferencingAsync(item.Id, reader, ct);
        return new DisplayModel
        {
            Item = item,
            Type = type,
            Schema = schema,
            Linked = linked.ToDictionary(i => i.Id),
            Backlinks = backlinks,
            IsPreview = preview,
        };
    }
}
