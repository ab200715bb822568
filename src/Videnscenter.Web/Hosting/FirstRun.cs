using Videnscenter.Content;
using Videnscenter.Content.Recipes;
using Videnscenter.Content.Settings;

namespace Videnscenter.Web.Hosting;

/// <summary>
/// Start-up work: apply the content engine's and every feature's migrations, run the recipe when it
/// is new or edited (or when asked to), then the features' after-recipe steps. On an empty
/// App_Data this sets up the whole seeded site.
/// </summary>
public static class FirstRun
{
    /// <summary>Reruns the recipe and exits.</summary>
    public const string RecipeCommand = "recipe";

    public static async Task PrepareAsync(IServiceProvider services, SiteOptions options, string? command, CancellationToken ct = default)
    {
        // Nodes starting together on one database: one migrates and seeds, the others wait and find it done.
        await using var startupLock = await Cluster.StartupLock.AcquireAsync(options.ConnectionString,
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FirstRun)), ct);
        await services.MigrateContentAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var steps = sp.GetServices<IStartupStep>().ToList();
        foreach (var step in steps) await step.MigrateAsync(sp, ct);

        var settings = sp.GetRequiredService<SiteSettings>();
        var fingerprint = RecipeExecutor.Fingerprint(options.RecipePath);
        if (command is RecipeCommand || await settings.GetAsync(SiteSettings.RecipeHash, ct) != fingerprint)
        {
            var context = await sp.GetRequiredService<RecipeExecutor>().RunAsync(options.RecipePath, ct);
            await settings.SetAsync(SiteSettings.RecipeHash, fingerprint, ct);
            Console.WriteLine($"Opskriften er kørt: {context.Changes.Count} ændringer, {context.Problems.Count} problemer.");
            foreach (var problem in context.Problems) Console.WriteLine($"  {problem}");
        }

        foreach (var step in steps) await step.AfterRecipeAsync(sp, command, ct);
    }
}
