using System.ComponentModel.DataAnnotations;
using Videnscenter.Content.Items;

namespace Videnscenter.Content.Storage;

// Database rows. Pages and other projects work with the records in Items/ and Definitions/;
// these classes stay inside the content engine.

public sealed class ContentTypeRecord
{
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public required string DefinitionJson { get; set; }
    public DateTime UpdatedUtc { get; set; }
}

public sealed class TaxonomyRecord
{
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public required string TermsJson { get; set; }
}

public sealed class SettingRecord
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}

public sealed class ContentItemRecord
{
    public Guid Id { get; set; }
    public required string ContentType { get; set; }
    public ContentStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? PublishedUtc { get; set; }
    /// <summary>The newest version. A concurrency token: two saves from the same version cannot both win.</summary>
    [ConcurrencyCheck]
    public Guid LatestVersionId { get; set; }
}

/// <summary>One saved version of an item. Exactly one version per item is Latest; at most one is Published.</summary>
public sealed class ContentVersionRecord
{
    public Guid Id { get; set; }
    public Guid ItemId { get; set; }
    public int Number { get; set; }
    public required string ContentType { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public string Summary { get; set; } = "";
    public string Body { get; set; } = "";
    public Audience Audience { get; set; }
    public string DepartmentsJson { get; set; } = "[]";
    public string TagsJson { get; set; } = "[]";
    public string FieldsJson { get; set; } = "{}";
    public required string Author { get; set; }
    public DateTime CreatedUtc { get; set; }
    public bool Latest { get; set; }
    public bool Published { get; set; }
}

/// <summary>
/// One entry of the content change log (an outbox): written in the same transaction as the change
/// it records, so every node can replay what changed, in order, into its own search index and caches.
/// </summary>
public sealed class ContentChangeRecord
{
    /// <summary>Increasing; on PostgreSQL ids commit in order because writers take one lock (see <see cref="ContentChangeLog"/>).</summary>
    public long Id { get; set; }
    public Guid ItemId { get; set; }
    public ContentEventKind Kind { get; set; }
    public DateTime CreatedUtc { get; set; }
}
