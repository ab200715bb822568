namespace Videnscenter.Content.Items;

public enum ContentEventKind
{
    Published,
    Unpublished,
    Archived,
}

/// <summary>Raised after the change is committed. For Unpublished/Archived, Item is the version that was live.</summary>
public sealed record ContentEvent(ContentEventKind Kind, ContentItem Item);

/// <summary>Other parts (the search indexer, later feeds) subscribe by registering an implementation.</summary>
public interface IContentEventHandler
{
    Task HandleAsync(ContentEvent contentEvent, CancellationToken ct);
}
