using System.Text.Json;

namespace Videnscenter.Content.Recipes;

/// <summary>
/// One kind of recipe step ("settings", "taxonomies", "contentDefinitions", "content", "seed",
/// and "roles" from the web host). Running a step twice must change nothing the second time.
/// </summary>
public interface IRecipeStep
{
    string Name { get; }
    Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken ct);
}

/// <summary>Where the recipe lives (relative paths in steps are relative to its folder) and what it did.</summary>
public sealed class RecipeContext(string recipeDirectory)
{
    public string RecipeDirectory { get; } = recipeDirectory;
    /// <summary>The author of what the recipe writes; a version by this author is no editorial change.</summary>
    public const string SetupAuthor = "opsætning";
    public string Author { get; init; } = SetupAuthor;
    public List<string> Changes { get; } = [];
    public List<RecipeProblem> Problems { get; } = [];
    /// <summary>What content steps did with each item, for the one who ran the recipe.</summary>
    public Dictionary<ImportOutcome, int> ContentOutcomes { get; } = [];

    public string ResolvePath(string relative) => Path.GetFullPath(Path.Combine(RecipeDirectory, relative));
}

/// <summary>What importing one content item did.</summary>
public enum ImportOutcome
{
    /// <summary>A new item, created and published.</summary>
    Created,
    /// <summary>An existing item given a new live version (only when the step updates).</summary>
    Updated,
    /// <summary>An existing item that already read exactly so (only when the step updates).</summary>
    Unchanged,
    /// <summary>An existing item left as editors have it (seed content never overwrites).</summary>
    Kept,
    /// <summary>Not imported; the problems say why.</summary>
    Failed,
}

/// <summary>Something the recipe could not do, with the file and line where it is known.</summary>
public sealed record RecipeProblem(string File, int? Line, string Message)
{
    public override string ToString() => Line is { } l ? $"{File}:{l}: {Message}" : $"{File}: {Message}";
}
