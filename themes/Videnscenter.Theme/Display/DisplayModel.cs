using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;

namespace Videnscenter.Theme.Display;

/// <summary>What a display template gets: the item, its definition, and the items it links to and from that the reader may see.</summary>
public sealed record DisplayModel
{
    public required ContentItem Item { get; init; }
    public required ContentTypeDefinition Type { get; init; }
    public required ContentSchema Schema { get; init; }
    /// <summary>Items this one refers to, by id (only those the reader may see).</summary>
    public IReadOnlyDictionary<Guid, ContentItem> Linked { get; init; } = new Dictionary<Guid, ContentItem>();
    /// <summary>Items that refer to this one (only those the reader may see).</summary>
    public IReadOnlyList<ContentItem> Backlinks { get; init; } = [];
    /// <summary>True when an editor previews a version that is not live.</summary>
    public bool IsPreview { get; init; }
    /// <summary>schema.org JSON-LD for the page, already encoded so it cannot end its script element early.</summary>
    public string? StructuredData { get; init; }
    /// <summary>The item before and after this one in its section's natural order (events: by date), if the reader may see them.</summary>
    public ContentItem? Previous { get; init; }
    public ContentItem? Next { get; init; }
    /// <summary>The admin address where the reader may edit this item; null when they may not.</summary>
    public string? EditUrl { get; init; }

    /// <summary>
    /// When an editor last changed the item, or null while it is as the recipe seeded it: the date
    /// of seeding says nothing to a reader, so "Opdateret" shows only a real editorial change.
    /// </summary>
    public DateTime? EditorialChangeUtc =>
        Item.Author == Videnscenter.Content.Recipes.RecipeContext.SetupAuthor ? null : Item.ModifiedUtc;

    /// <summary>A field of this item for the field partial; the field must exist in the definition.</summary>
    public FieldView View(string field) =>
        new(this, Type.Field(field) ?? throw new InvalidOperationException($"{Type.Name} has no field {field}"));

    public string UrlOf(ContentItem item) => ContentUrls.Of(Schema, item);

    public IEnumerable<(ContentItem Item, string? Level)> References(string field) =>
        Item.References(field).Where(r => Linked.ContainsKey(r.Id)).Select(r => (Linked[r.Id], r.Level));

    public IReadOnlyList<string> TermLabels(string field)
    {
        var taxonomy = Type.Field(field)?.Taxonomy is { } name ? Schema.Taxonomy(name) : null;
        return Item.Values(field).Select(v => taxonomy?.LabelOf(v) ?? v).ToList();
    }

    /// <summary>Backlinks of one type, e.g. the courses that teach a method.</summary>
    public IReadOnlyList<ContentItem> BacklinksOf(string type) =>
        Backlinks.Where(b => b.Type == type).OrderBy(b => b.Title, Danish.Sort).ToList();

    /// <summary>
    /// The level a backlink gives this item, e.g. "Underviser i metoden" on a profile's reference to
    /// a method; null when the reference carries none.
    /// </summary>
    public string? LevelFrom(ContentItem backlink, string field) =>
        backlink.References(field).FirstOrDefault(r => r.Id == Item.Id)?.Level;

    /// <summary>Position of a level in the field's list (higher is more), -1 when unknown.</summary>
    public static int LevelRank(FieldDefinition? field, string? level) =>
        field is null || level is null ? -1 : IndexOf(field.Levels, level);

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
            if (string.Equals(list[i], value, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}

public static class ContentUrls
{
    public static string Of(ContentSchema schema, ContentItem item) =>
        schema.Type(item.Type) is { } t ? $"/{t.Section}/{item.Slug}" : "/";

    public static string Section(ContentTypeDefinition type) => $"/{type.Section}";
}

/// <summary>One field of an item, for the generic field partial.</summary>
public sealed record FieldView(DisplayModel Display, FieldDefinition Field);
