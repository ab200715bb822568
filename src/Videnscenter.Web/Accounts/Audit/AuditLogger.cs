using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Accounts.Audit;

/// <summary>
/// Writes the content store's events (create, save, publish, …) to the audit log. A change made
/// without naming its actor ("system") inside a signed-in request is the signed-in user's.
/// </summary>
public sealed class AuditLogger(AuditLog log, SchemaStore schemaStore, IHttpContextAccessor http) : IContentEventHandler
{
    public async Task HandleAsync(ContentEvent e, CancellationToken ct)
    {
        AuditAction? action = e.Kind switch
        {
            ContentEventKind.Created => AuditAction.ContentCreated,
            ContentEventKind.Saved => AuditAction.ContentSaved,
            ContentEventKind.Published => AuditAction.ContentPublished,
            ContentEventKind.Unpublished => AuditAction.ContentUnpublished,
            ContentEventKind.Archived => AuditAction.ContentArchived,
            ContentEventKind.Restored => AuditAction.ContentRestored,
            _ => null,
        };
        if (action is null) return;

        var schema = await schemaStore.GetAsync(ct);
        var typeName = schema.Type(e.Item.Type)?.DisplayName ?? e.Item.Type;
        var details = e.Kind switch
        {
            ContentEventKind.Published => $"{typeName}, version {e.Item.VersionNumber}, synlig for: {e.Item.Audience}",
            ContentEventKind.Restored => $"{typeName}, gemt som ny version {e.Item.VersionNumber} (en kladde)",
            _ => $"{typeName}, version {e.Item.VersionNumber}",
        };
        var actor = e.Actor == ContentEvent.SystemActor && http.HttpContext?.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? name
            : e.Actor;
        await log.WriteAsync(action.Value, actor, e.Item.Title, details, e.Item.Id, e.Item.Type, ct);
    }
}
