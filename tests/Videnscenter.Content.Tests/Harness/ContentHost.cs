using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Videnscenter.Content.Items;
using Videnscenter.Content.Recipes;

namespace Videnscenter.Content.Tests.Harness;

/// <summary>The content engine on a fresh database, set up with the real recipe's types and taxonomies.</summary>
public sealed class ContentHost : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly string _recipeDir;

    private ContentHost(TestDatabase database, ServiceProvider services, string recipeDir, RecordingEventHandler events)
    {
        _database = database;
        Services = services;
        _recipeDir = recipeDir;
        Events = events;
    }

    public ServiceProvider Services { get; }
    public RecordingEventHandler Events { get; }

    /// <summary>With <paramref name="withSeed"/> false, the recipe runs without its seed step (fast, empty site).</summary>
    public static async Task<ContentHost> StartAsync(DatabaseKind kind, bool withSeed = false)
    {
        var database = await TestDatabase.CreateAsync(kind);
        var recipeDir = Directory.CreateTempSubdirectory("videnscenter-recipe-").FullName;
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddContentEngine(database.ConnectionString);
        var events = new RecordingEventHandler();
        services.AddSingleton<IContentEventHandler>(events);
        var host = new ContentHost(database, services.BuildServiceProvider(), recipeDir, events);
        await host.Services.MigrateContentAsync();
        await host.RunRecipeAsync(TestRecipe(withSeed));
        return host;
    }

    /// <summary>The real recipe, optionally without its seed step, with the seed path made absolute.</summary>
    public static JsonObject TestRecipe(bool withSeed)
    {
        var recipe = JsonNode.Parse(File.ReadAllText(RepoPaths.Recipe))!.AsObject();
        var steps = recipe["steps"]!.AsArray();
        foreach (var step in steps.ToList().OfType<JsonObject>())
        {
            var name = step["name"]!.GetValue<string>();
            if (name == "roles" || (name == "seed" && !withSeed)) steps.Remove(step);
            else if (name == "seed") step["path"] = RepoPaths.Seed;
        }
        return recipe;
    }

    public async Task<RecipeContext> RunRecipeAsync(JsonObject recipe)
    {
        var path = Path.Combine(_recipeDir, "test.recipe.json");
        await File.WriteAllTextAsync(path, recipe.ToJsonString());
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RecipeExecutor>().RunAsync(path);
    }

    /// <summary>Runs work in its own scope, as one web request would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> StoreAsync<T>(Func<ContentStore, Task<T>> work) =>
        InScopeAsync(sp => work(sp.GetRequiredService<ContentStore>()));

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_recipeDir, recursive: true);
    }
}

public sealed class RecordingEventHandler : IContentEventHandler
{
    private readonly List<ContentEvent> _events = [];

    public IReadOnlyList<ContentEvent> Events
    {
        get { lock (_events) return _events.ToList(); }
    }

    public Task HandleAsync(ContentEvent contentEvent, CancellationToken ct)
    {
        lock (_events) _events.Add(contentEvent);
        return Task.CompletedTask;
    }
}
