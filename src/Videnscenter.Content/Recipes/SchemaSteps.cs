using System.Text.Json;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Settings;
using Videnscenter.Content.Taxonomies;

namespace Videnscenter.Content.Recipes;

/// <summary>"settings": key/value site settings.</summary>
public sealed class SettingsStep(SiteSettings settings) : IRecipeStep
{
    public string Name => "settings";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken ct)
    {
        foreach (var p in step.GetProperty("settings").EnumerateObject())
            if (await settings.SetAsync(p.Name, p.Value.GetString() ?? "", ct))
                context.Changes.Add($"indstilling {p.Name}");
    }
}

/// <summary>"taxonomies": creates or updates term lists; terms are never removed from content.</summary>
public sealed class TaxonomiesStep(SchemaStore schema) : IRecipeStep
{
    public string Name => "taxonomies";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken ct)
    {
        var taxonomies = step.GetProperty("taxonomies").Deserialize<List<Taxonomy>>(ContentTypeDefinition.Json) ?? [];
        foreach (var taxonomy in taxonomies)
            if (await schema.SaveTaxonomyAsync(taxonomy, ct))
                context.Changes.Add($"taksonomi {taxonomy.Name}");
    }
}

/// <summary>"contentDefinitions": creates or updates content types; existing content is kept.</summary>
public sealed class ContentDefinitionsStep(SchemaStore schema) : IRecipeStep
{
    public string Name => "contentDefinitions";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken ct)
    {
        var types = step.GetProperty("types").Deserialize<List<ContentTypeDefinition>>(ContentTypeDefinition.Json) ?? [];
        foreach (var type in types)
            if (await schema.SaveTypeAsync(type, ct))
                context.Changes.Add($"indholdstype {type.Name}");
    }
}
