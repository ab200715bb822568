using System.Globalization;
using System.Text.Json.Nodes;

namespace Videnscenter.Content.Items;

public enum ContentStatus
{
    Draft = 0,
    Published = 1,
    Archived = 2,
}

/// <summary>One version of a content item, as pages, the search indexer and the admin see it.</summary>
public sealed record ContentItem
{
    public required Guid Id { get; init; }
    public required Guid VersionId { get; init; }
    public required int VersionNumber { get; init; }
    public required string Type { get; init; }
    public required string Title { get; init; }
    public required string Slug { get; init; }
    public string Summary { get; init; } = "";
    /// <summary>The main text, in Markdown.</summary>
    public string Body { get; init; } = "";
    public Audience Audience { get; init; }
    public IReadOnlyList<string> Departments { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>The type's own fields in their canonical JSON form (see <see cref="FieldValues"/>).</summary>
    public JsonObject Fields { get; init; } = new();
    /// <summary>The item's status (not this version's).</summary>
    public ContentStatus Status { get; init; }
    /// <summary>This version is the one readers see.</summary>
    public bool IsPublishedVersion { get; init; }
    public bool IsLatestVersion { get; init; }
    public required string Author { get; init; }
    public DateTime CreatedUtc { get; init; }
    /// <summary>When this version was saved.</summary>
    public DateTime ModifiedUtc { get; init; }
    public DateTime? PublishedUtc { get; init; }

    public string? Text(string field) =>
        Fields[field] is JsonValue v && v.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    public bool Bool(string field) => Fields[field] is JsonValue v && v.TryGetValue(out bool b) && b;

    public decimal? Number(string field) =>
        Fields[field] is JsonValue v && v.TryGetValue(out decimal d) ? d : null;

    public DateOnly? Date(string field) =>
        Text(field) is { } s && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>Values of a choice or taxonomy field (one or several).</summary>
    public IReadOnlyList<string> Values(string field) => Fields[field] switch
    {
        JsonArray a => a.Select(n => n?.GetValue<string>()).OfType<string>().ToList(),
        JsonValue v when v.TryGetValue(out string? s) && s is not null => [s],
        _ => [],
    };

    public IReadOnlyList<DateTimeRange> Ranges(string field) => Fields[field] is JsonArray a
        ? a.OfType<JsonObject>().Select(DateTimeRange.FromJson).OfType<DateTimeRange>().OrderBy(r => r.Start).ToList()
        : [];

    public IReadOnlyList<ReferenceValue> References(string field) => Fields[field] is JsonArray a
        ? a.OfType<JsonObject>().Select(ReferenceValue.FromJson).OfType<ReferenceValue>().ToList()
        : [];
}

/// <summary>A start and end in Danish local time (course sessions, events).</summary>
public sealed record DateTimeRange(DateTime Start, DateTime End)
{
    public const string Format = "yyyy-MM-dd'T'HH:mm";

    public JsonObject ToJson() => new()
    {
        ["start"] = Start.ToString(Format, CultureInfo.InvariantCulture),
        ["end"] = End.ToString(Format, CultureInfo.InvariantCulture),
    };

    public static DateTimeRange? FromJson(JsonObject o) =>
        Parse(o["start"]?.GetValue<string>()) is { } start && Parse(o["end"]?.GetValue<string>()) is { } end
            ? new DateTimeRange(start, end)
            : null;

    private static DateTime? Parse(string? s) =>
        DateTime.TryParseExact(s, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

/// <summary>A link to another item, optionally with a level (e.g. how well a person masters a method).</summary>
public sealed record ReferenceValue(Guid Id, string? Level)
{
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["id"] = Id.ToString() };
        if (!string.IsNullOrEmpty(Level)) o["level"] = Level;
        return o;
    }

    public static ReferenceValue? FromJson(JsonObject o) =>
        Guid.TryParse(o["id"]?.GetValue<string>(), out var id) ? new ReferenceValue(id, o["level"]?.GetValue<string>()) : null;
}
