using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Web.Editing;

namespace Videnscenter.Web.Profiles;

/// <summary>Takes a staff member (or an editor) to their own competence profile in the editor.</summary>
public sealed class MyProfileModel(ContentStore store, SchemaStore schemaStore, UserManager<IdentityUser> users) : AdminPage
{
    protected override bool StaffAllowed => true;

    public IReadOnlyList<ContentItem> Profiles { get; private set; } = [];
    public ContentSchema Schema { get; private set; } = ContentSchema.Empty;
    public string? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Schema = await schemaStore.GetAsync(ct);
        Profiles = await AdminAccess.OwnProfilesAsync(User, users, store, ct);
        if (Profiles.Count == 1) return Redirect(AdminUrls.Edit(Schema, Profiles[0]));
        Email = (await users.GetUserAsync(User))?.Email;
        return Page();
    }
}
