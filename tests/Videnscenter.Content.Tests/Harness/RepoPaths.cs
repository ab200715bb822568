namespace Videnscenter.Content.Tests.Harness;

/// <summary>Finds the repository's folders from the test's output folder, wherever the clone is.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Recipe => Path.Combine(Root, "recipes", "videnscenter.recipe.json");
    public static string Seed => Path.Combine(Root, "content-seed");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Videnscenter.sln"))) return dir.FullName;
        throw new InvalidOperationException("Fandt ikke Videnscenter.sln over " + AppContext.BaseDirectory);
    }
}
