using System.Text.Json.Nodes;

namespace Videnscenter.Content.Items;

/// <summary>What an editor, a recipe or the seed import asks the store to save.</summary>
public sealed record ContentDraft
{
    public required string Type { get; init; }
    public string Title { get; init; } = "";
    /// <summary>Empty: made from the type's slug pattern and the title.</summary>
    public string? Slug { get; init; }
    public string Summary { get; init; } = "";
    public string Body { get; init; } = "";
    /// <summary>Null: the type's default audience.</summary>
    public Audience? Audience { get; init; }
    public IReadOnlyList<string> Departments { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>Field input in any accepted form; the store saves the canonical form.</summary>
    public JsonObject Fields { get; init; } = new();

    public static ContentDraft From(ContentItem item) => new()
    {
        Type = item.Type,
        Title = item.Title,
        Slug = item.Slug,
        Summary = item.Summary,
        Body = item.Body,
        Audience = item.Audience,
        Departments = item.Departments,
        Tags = item.Tags,
        Fields = (JsonObject)item.Fields.DeepClone(),
    };
}

/// <summary>The outcome of a save: the new version, or why nothing was saved.</summary>
public sealed record SaveResult
{
    public ContentItem? Item { get; init; }
    public IReadOnlyList<FieldError> Errors { get; init; } = [];
    /// <summary>Someone saved a newer version since the editor opened the item: nothing was overwritten.</summary>
    public bool Conflict { get; init; }

    public bool Succeeded => Item is not null;

    public static SaveResult Invalid(IReadOnlyList<FieldError> errors) => new() { Errors = errors };

    public static SaveResult Conflicted(ContentItem latest) => new()
    {
        Conflict = true,
        Errors =
        [
            new FieldError("", $"{latest.Author} gemte en nyere version (version {latest.VersionNumber}) {Danish.DateAndTime(latest.ModifiedUtc)}, " +
                               "mens du redigerede. Intet er overskrevet. Åbn den nyeste version og lav dine ændringer igen."),
        ],
    };
}
