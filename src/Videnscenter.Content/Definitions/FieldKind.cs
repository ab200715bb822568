using System.Text.Json.Serialization;

namespace Videnscenter.Content.Definitions;

/// <summary>The kinds of field a content type can have; spelled in camelCase in recipe JSON.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FieldKind>))]
public enum FieldKind
{
    Text,
    Markdown,
    Number,
    Boolean,
    Date,
    /// <summary>A list of start/end date-times in Danish local time, e.g. course sessions.</summary>
    DateTimeRanges,
    Link,
    Email,
    Phone,
    Choice,
    Taxonomy,
    Reference,
    Media,
}
