using Videnscenter.Content.Storage;

namespace Videnscenter.Web.Hosting;

/// <summary>Where the site keeps its data and finds its recipe, from configuration with embedded defaults.</summary>
public sealed class SiteOptions
{
    /// <summary>Folder for the SQLite database, the search index and uploads. Default: App_Data under the content root.</summary>
    public required string DataPath { get; init; }
    public required string ConnectionString { get; init; }
    /// <summary>
    /// The media library's files (Videnscenter:MediaPath; default &lt;DataPath&gt;/media). Several nodes
    /// point it at one shared folder (NFS, SMB, a mounted volume) so a file uploaded on one is served by all.
    /// </summary>
    public string MediaPath { get; init; } = "";
    public required string RecipePath { get; init; }
    /// <summary>Name of this node's search index file (one per node).</summary>
    public string NodeName { get; init; } = Environment.MachineName;
    /// <summary>Videnscenter:PublicUrl, the address for absolute links; null: the first address the server listens on.</summary>
    public string? PublicUrl { get; init; }

    public bool UsesPostgres => DatabaseProvider.IsPostgres(ConnectionString);

    public static SiteOptions From(IConfiguration config, IWebHostEnvironment env)
    {
        var dataPath = Path.GetFullPath(config["Videnscenter:DataPath"] is { Length: > 0 } p
            ? Path.Combine(env.ContentRootPath, p)
            : Path.Combine(env.ContentRootPath, "App_Data"));
        Directory.CreateDirectory(dataPath);
        var connection = config.GetConnectionString("Videnscenter") is { Length: > 0 } cs
            ? cs
            : DatabaseProvider.SqliteFile(Path.Combine(dataPath, "videnscenter.db"));
        var recipe = config["Videnscenter:RecipePath"] is { Length: > 0 } r
            ? Path.GetFullPath(Path.Combine(env.ContentRootPath, r))
            : FindRecipe(env.ContentRootPath) ?? FindRecipe(AppContext.BaseDirectory)
              ?? throw new FileNotFoundException("Fandt ikke recipes/videnscenter.recipe.json. Sæt Videnscenter:RecipePath.");
        return new SiteOptions
        {
            DataPath = dataPath,
            ConnectionString = connection,
            RecipePath = recipe,
            MediaPath = config["Videnscenter:MediaPath"] is { Length: > 0 } m
                ? Path.GetFullPath(Path.Combine(env.ContentRootPath, m))
                : Path.Combine(dataPath, "media"),
            NodeName = config["Videnscenter:NodeName"] is { Length: > 0 } n ? n : "node1",
            PublicUrl = PublicAddress.Parse(config["Videnscenter:PublicUrl"]),
        };
    }

    /// <summary>The recipe sits in recipes/ at the repository root (or beside the published app).</summary>
    private static string? FindRecipe(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "recipes", "videnscenter.recipe.json");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
