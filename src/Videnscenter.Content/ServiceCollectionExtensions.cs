using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Content.Recipes;
using Videnscenter.Content.Seed;
using Videnscenter.Content.Settings;
using Videnscenter.Content.Storage;

namespace Videnscenter.Content;

public static class ServiceCollectionExtensions
{
    /// <summary>The content engine on the database the connection string names (SQLite file or PostgreSQL).</summary>
    public static IServiceCollection AddContentEngine(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<ContentDbContext>(o => o.Use(connectionString, ContentDbContext.HistoryTable));
        services.AddSingleton<SchemaCache>();
        services.AddScoped<SchemaStore>();
        services.AddScoped<SiteSettings>();
        services.AddScoped<ContentStore>();
        services.AddScoped<SeedImporter>();
        services.AddScoped<RecipeExecutor>();
        services.AddScoped<IRecipeStep, SettingsStep>();
        services.AddScoped<IRecipeStep, TaxonomiesStep>();
        services.AddScoped<IRecipeStep, ContentDefinitionsStep>();
        services.AddScoped<IRecipeStep, ContentStep>();
        services.AddScoped<IRecipeStep, SeedStep>();
        return services;
    }

    /// <summary>Applies pending schema migrations (run at start-up).</summary>
    public static async Task MigrateContentAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
        await db.Database.MigrateAsync(ct);
    }
}
