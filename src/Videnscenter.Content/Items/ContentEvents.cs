namespace Videnscenter.Content.Items;

public enum ContentEventKind
{
    Published,
    Unpublished,
    Archived,
    /// <summary>A new item was saved as its first version (a draft).</summary>
    Created,
    /// <summary>A new version of an existing item was saved (a draft until published).</summary>
    Saved,
    /// <summary>An older version was copied into a new version (a draft until published).</summary>
    Restored,
}

/// <summary>
/// Raised after the change is committed. For Unpublished/Archived, Item is the version that was live
/// (the latest version when none was). For Created/Saved/Restored, Item is the new version.
/// <paramref name="Actor"/> is the user name of whoever made the change ("system" for start-up work).
/// </summary>
public sealed record ContentEvent(ContentEventKind Kind, ContentItem Item, string Actor = ContentEvent.SystemActor)
{
    public const string SystemActor = "system";
}

/// <summary>
/// Other parts (the search indexer, the audit log, later feeds) subscribe by registering an
/// implementation. Handlers must ignore kinds they do not know: new kinds may be added.
/// </summary>
public interface IContentEventHandler
{
    Task HandleAsync(ContentEvent contentEvent, CancellationToken ct);
}
