using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Videnscenter.Content.Recipes;

/// <summary>Runs the steps of a recipe file in order. Steps are idempotent, so a recipe can be rerun at any time.</summary>
public sealed class RecipeExecutor(IEnumerable<IRecipeStep> steps, ILogger<RecipeExecutor> log)
{
    /// <param name="author">Who the written versions are by: the set-up, or the administrator importing a package.</param>
    public async Task<RecipeContext> RunAsync(string recipePath, CancellationToken ct = default, string author = RecipeContext.SetupAuthor)
    {
        var context = new RecipeContext(Path.GetDirectoryName(Path.GetFullPath(recipePath))!) { Author = author };
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(recipePath, ct),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("steps", out var stepList) || stepList.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{recipePath}: opskriften mangler en liste «steps».");

        var byName = steps.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var step in stepList.EnumerateArray())
        {
            var name = step.TryGetProperty("name", out var n) ? n.GetString() : null;
            if (name is null || !byName.TryGetValue(name, out var handler))
            {
                context.Problems.Add(new RecipeProblem(Path.GetFileName(recipePath), null, $"Ukendt trin «{name}» blev sprunget over."));
                continue;
            }
            await handler.ExecuteAsync(step, context, ct);
        }

        log.LogInformation("Recipe {Recipe}: {Changes} changes, {Problems} problems", Path.GetFileName(recipePath),
            context.Changes.Count, context.Problems.Count);
        foreach (var problem in context.Problems) log.LogWarning("Recipe problem: {Problem}", problem.ToString());
        return context;
    }

    /// <summary>A fingerprint of the recipe file, so the host can tell an edited recipe from one already applied.</summary>
    public static string Fingerprint(string recipePath) =>
        Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(recipePath)));
}
