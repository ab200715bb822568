using System.Text.Json;
using System.Text.Json.Nodes;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Recipes;

namespace Videnscenter.Content.Seed;

/// <summary>"seed": imports a folder of Markdown files, e.g. <c>{ "name": "seed", "path": "../content-seed" }</c>.</summary>
public sealed class SeedStep(SeedImporter importer) : IRecipeStep
{
    public string Name => "seed";

    public Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken ct) =>
        importer.ImportFolderAsync(context.ResolvePath(step.GetProperty("path").GetString() ?? "."), context, ct);
}

/// <summary>"content": items written inline in the recipe, with the same keys as seed front matter plus "type" and "body".</summary>
public sealed class ContentStep(SeedImporter importer, SchemaStore schemaStore) : IRecipeStep
{
    public string Name => "content";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken ct)
    {
        var schema = await schemaStore.GetAsync(ct);
        var index = 0;
        foreach (var element in step.GetProperty("items").EnumerateArray())
        {
            index++;
            var source = $"opskriftens indhold nr. {index}";
            if (JsonNode.Parse(element.GetRawText()) is not JsonObject data || data["type"]?.GetValue<string>() is not { } typeName)
            {
                context.Problems.Add(new RecipeProblem(source, null, "Mangler «type»."));
                continue;
            }
            var type = schema.Type(typeName);
            if (type is null)
            {
                context.Problems.Add(new RecipeProblem(source, null, $"Indholdstypen «{typeName}» findes ikke."));
                continue;
            }
            data.Remove("type");
            await importer.ImportAsync(type, data, "", source, _ => null, context, ct);
        }
    }
}
