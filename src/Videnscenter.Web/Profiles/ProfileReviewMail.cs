using Microsoft.AspNetCore.Identity;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Editing;
using Videnscenter.Web.Mail;

namespace Videnscenter.Web.Profiles;

/// <summary>
/// When a staff member (not an editor) saves a change to their competence profile, the editors get
/// a mail with a link to it: the change waits as a draft until an editor publishes it. One mail per
/// submission: only the first draft after the live version is announced, not every save after it.
/// </summary>
/// <remarks>
/// The content store raises its events after its own commit, so this mail is put in the outbox just
/// after the draft is stored rather than in the same transaction; the content engine's transaction
/// is not shared with the site's tables. The store and user manager are fetched when needed: the
/// store's handlers include this class, so injecting the store would be a circle.
/// </remarks>
public sealed class ProfileReviewMail(IServiceProvider services, MailDbContext mailDb, MailOutbox outbox, ILogger<ProfileReviewMail> log)
    : IContentEventHandler
{
    public async Task HandleAsync(ContentEvent contentEvent, CancellationToken ct)
    {
        if (contentEvent is not { Kind: ContentEventKind.Saved or ContentEventKind.Restored, Item.Type: AdminAccess.ProfileType }) return;
        var users = services.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByNameAsync(contentEvent.Actor) is not { } actor) return;
        var roles = await users.GetRolesAsync(actor);
        if (!roles.Contains(Roles.Staff) || roles.Contains(Roles.Editor) || roles.Contains(Roles.Administrator)) return;

        var store = services.GetRequiredService<ContentStore>();
        var draft = contentEvent.Item;
        var live = (await store.GetPublishedAsync([draft.Id], Audience.Medarbejder, ct)).FirstOrDefault();
        if (live is not null && live.VersionNumber != draft.VersionNumber - 1) return;

        var schema = await services.GetRequiredService<SchemaStore>().GetAsync(ct);
        var link = outbox.Link(AdminUrls.Edit(schema, draft));
        var editors = (await users.GetUsersInRoleAsync(Roles.Editor))
            .Where(e => !string.IsNullOrEmpty(e.Email) && e.Id != actor.Id)
            .DistinctBy(e => e.Email!.ToLowerInvariant()).ToList();
        await outbox.EnqueueAsync(mailDb, editors.Select(e => new MailRequest(e.Email!, e.UserName, MailKinds.ProfileSubmitted, new Dictionary<string, string>
        {
            ["navn"] = e.UserName ?? "",
            ["medarbejder"] = actor.UserName ?? contentEvent.Actor,
            ["profil"] = draft.Title,
            ["link"] = link,
        })), ct);
        log.LogInformation("Profile change for review announced to {Count} editor(s)", editors.Count);
    }
}
