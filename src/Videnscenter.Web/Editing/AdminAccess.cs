using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Editing;

/// <summary>
/// Who may do what in the editorial admin. Editors and administrators edit everything; a staff
/// member may open and save (as a draft) only their own competence profile.
/// </summary>
public static class AdminAccess
{
    public const string ProfileType = "CompetenceProfile";
    public const string ProfileEmailField = "email";

    public static bool IsEditor(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Editor);

    public static bool IsStaffOnly(this ClaimsPrincipal user) => !user.IsEditor() && user.IsInRole(Roles.Staff);

    /// <summary>
    /// A profile is the user's own when its e-mail field is the user's e-mail, or its slug is the
    /// user name (for staff without an e-mail in their account).
    /// </summary>
    public static bool OwnsProfile(ContentItem item, string? userName, string? email) =>
        item.Type == ProfileType
        && (!string.IsNullOrWhiteSpace(email) && string.Equals(item.Text(ProfileEmailField)?.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase)
            || !string.IsNullOrWhiteSpace(userName) && string.Equals(item.Slug, userName.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The signed-in user's own competence profiles (normally one).</summary>
    public static async Task<IReadOnlyList<ContentItem>> OwnProfilesAsync(
        ClaimsPrincipal principal, UserManager<IdentityUser> users, ContentStore store, CancellationToken ct)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return [];
        var profiles = await store.ListLatestAsync(ProfileType, ct);
        return profiles.Where(p => p.Status != ContentStatus.Archived && OwnsProfile(p, user.UserName, user.Email)).ToList();
    }
}

/// <summary>The Danish words editors see for an item's state.</summary>
public static class StatusText
{
    public const string Draft = "Kladde";
    public const string Published = "Udgivet";
    public const string PublishedWithDraft = "Udgivet med ny kladde";
    public const string Archived = "Arkiveret";

    /// <summary>The state of an item, judged from its latest version.</summary>
    public static string Of(ContentItem latest) => latest.Status switch
    {
        ContentStatus.Archived => Archived,
        ContentStatus.Published when latest.IsPublishedVersion => Published,
        ContentStatus.Published => PublishedWithDraft,
        _ => Draft,
    };

    /// <summary>A CSS modifier for the status badge.</summary>
    public static string CssOf(ContentItem latest) => Of(latest) switch
    {
        Published => "status-published",
        PublishedWithDraft => "status-pending",
        Archived => "status-archived",
        _ => "status-draft",
    };

    /// <summary>Sort order for the status column: what needs an editor first.</summary>
    public static int Rank(ContentItem latest) => Of(latest) switch
    {
        Draft => 0,
        PublishedWithDraft => 1,
        Published => 2,
        _ => 3,
    };
}
