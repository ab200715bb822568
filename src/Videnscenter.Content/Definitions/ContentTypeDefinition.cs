using System.Text.Json;
using System.Text.Json.Serialization;

namespace Videnscenter.Content.Definitions;

/// <summary>
/// A content type, defined as data (in a recipe, stored in the database): the editor form,
/// validation, seed import and search indexing are all derived from it.
/// </summary>
public sealed record ContentTypeDefinition
{
    public required string Name { get; init; }
    /// <summary>Danish name of one item, e.g. "Metode".</summary>
    public required string DisplayName { get; init; }
    /// <summary>Danish name of the section, e.g. "Metodekatalog".</summary>
    public string PluralName { get; init; } = "";
    /// <summary>URL segment and seed folder, e.g. "metoder".</summary>
    public required string Section { get; init; }
    public string Description { get; init; } = "";
    public string SlugPattern { get; init; } = "{title}";
    [JsonConverter(typeof(JsonStringEnumConverter<Audience>))]
    public Audience DefaultAudience { get; init; } = Audience.Offentlig;
    /// <summary>Multiplies search scores of this type's items.</summary>
    public double Boost { get; init; } = 1.0;
    public bool Routable { get; init; } = true;
    /// <summary>Position in the main menu and on the front page.</summary>
    public int MenuOrder { get; init; }
    public IReadOnlyList<FieldDefinition> Fields { get; init; } = [];
    /// <summary>The noun a count of this type's items takes, one and many: ["metode", "metoder"].</summary>
    public IReadOnlyList<string> CountNouns { get; init; } = [];

    /// <summary>A count in the section's own noun, "16 metoder", "1 kollega"; "emne/emner" when the recipe names none.</summary>
    public string CountText(int count)
    {
        var one = CountNouns.Count > 0 ? CountNouns[0] : "emne";
        var many = CountNouns.Count > 1 ? CountNouns[1] : CountNouns.Count > 0 ? one : "emner";
        return $"{count.ToString(Danish.Culture)} {(count == 1 ? one : many)}";
    }

    public FieldDefinition? Field(string name) =>
        Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };
}

public sealed record FieldDefinition
{
    public required string Name { get; init; }
    [JsonConverter(typeof(JsonStringEnumConverter<FieldKind>))]
    public required FieldKind Kind { get; init; }
    public required string Label { get; init; }
    public string Help { get; init; } = "";
    public bool Required { get; init; }
    /// <summary>Several values (choice, taxonomy, reference).</summary>
    public bool Multiple { get; init; }
    /// <summary>Allowed values of a choice field.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];
    /// <summary>The taxonomy a taxonomy field takes its terms from.</summary>
    public string? Taxonomy { get; init; }
    /// <summary>Types a reference field may point to.</summary>
    public IReadOnlyList<string> ReferenceTypes { get; init; } = [];
    /// <summary>Optional levels a reference may carry, e.g. how well a person masters a method.</summary>
    public IReadOnlyList<string> Levels { get; init; } = [];
    /// <summary>Search: the field's text goes into the full-text index.</summary>
    public bool Indexed { get; init; }
    /// <summary>Search: the field's values become a facet.</summary>
    public bool Facet { get; init; }
    public double Boost { get; init; } = 1.0;
}
