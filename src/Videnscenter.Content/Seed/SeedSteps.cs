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

/// <summary>
/// "content": items written inline in the recipe, with the same keys as seed front matter plus "type"
/// and "body". Existing items are left as editors have them, unless the step says
/// <c>"update": true</c> (a deployment package): then they get the recipe's text as a new live
/// version when it differs. <c>"media": "folder"</c> names the folder that files in media fields
/// are relative to.
/// </summary>
public sealed class ContentStep(SeedImporter importer) : IRecipeStep
{
    public string Name => "content";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken ct)
    {
        var items = new List<(JsonObject, string)>();
        var index = 0;
        foreach (var element in step.GetProperty("items").EnumerateArray())
        {
            index++;
            var source = $"opskriftens indhold nr. {index}";
            if (JsonNode.Parse(element.GetRawText()) is JsonObject data)
                items.Add((data, $"{source} ({data["type"]?.ToString()} «{data["slug"]?.ToString() ?? data["title"]?.ToString()}»)"));
            else context.Problems.Add(new RecipeProblem(source, null, "Et indhold skal være et objekt med «type», «title» …"));
        }
        var update = step.TryGetProperty("update", out var u) && u.ValueKind == JsonValueKind.True;
        var media = step.TryGetProperty("media", out var m) && m.GetString() is { Length: > 0 } folder ? context.ResolvePath(folder) : null;
        await importer.ImportItemsAsync(items, context, ct, media, update);
    }
}
