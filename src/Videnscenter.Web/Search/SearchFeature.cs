using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Search;

/// <summary>
/// Site search: the index kept up to date by content events, the search page, the JSON API and
/// autocomplete, the editors' synonyms page, the administrators' rebuild page, and the "reindex" command.
/// </summary>
public static class SearchFeature
{
    /// <summary>The rate-limit policy on the search page and API.</summary>
    public const string RateLimit = "search";

    /// <summary>Rebuilds the search index from the content store and exits.</summary>
    public const string ReindexCommand = "reindex";

    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddSingleton<SiteSearch>();
        services.AddSingleton<SearchSynonyms>();
        // The index is kept current by the content change log (Cluster/ContentChangeFeed), on this node at once.
        services.AddStartupStep<SearchIndexAtStartup>();
        // Videnscenter:RateLimits:SearchPerTenSeconds sets the anonymous per-address rate (default
        // 300, a burst of twice that); the page benchmark raises it, since all its requests come
        // from one address.
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, config) =>
        {
            var anonymousPerTenSeconds = config.GetValue("Videnscenter:RateLimits:SearchPerTenSeconds", 300);
            o.AddPolicy(RateLimit, ctx => SearchPartition(ctx, anonymousPerTenSeconds));
        });
        return services;
    }

    /// <summary>
    /// Search page, API and autocomplete share one limit per client: a signed-in user by account
    /// (a burst of 300, then 10 a second: more than anyone types, less than a scraper wants), an
    /// anonymous visitor by address with room for a whole
    /// office behind one proxy (a burst of 600, then 30 a second: 200 colleagues typing at once).
    /// </summary>
    public static RateLimitPartition<string> SearchPartition(HttpContext context, int anonymousPerTenSeconds = 300) =>
        RateLimits.IsSignedIn(context)
            ? RateLimitPartition.GetTokenBucketLimiter(RateLimits.ClientKey(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = 300, TokensPerPeriod = 100, ReplenishmentPeriod = TimeSpan.FromSeconds(10), QueueLimit = 0,
            })
            : RateLimitPartition.GetTokenBucketLimiter(RateLimits.ClientKey(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = anonymousPerTenSeconds * 2, TokensPerPeriod = anonymousPerTenSeconds, ReplenishmentPeriod = TimeSpan.FromSeconds(10), QueueLimit = 0,
            });

    public static WebApplication MapSearch(this WebApplication app)
    {
        app.MapSearchApi();
        return app;
    }

    /// <summary>Rebuilds the index when it is missing, corrupt or from another analyzer version (or when asked to).</summary>
    public static async Task EnsureIndexAsync(IServiceProvider services, bool force, CancellationToken ct = default)
    {
        var search = services.GetRequiredService<SiteSearch>();
        if (!force && !search.NeedsRebuild) return;
        await using var scope = services.CreateAsyncScope();
        var count = await search.RebuildAsync(
            scope.ServiceProvider.GetRequiredService<ContentStore>(),
            scope.ServiceProvider.GetRequiredService<SchemaStore>(), ct);
        Console.WriteLine($"Søgeindekset er bygget: {count} dokumenter i {search.FilePath}.");
    }

    /// <summary>After the recipe (the index is built from the content it creates); not for the "recipe" command.</summary>
    private sealed class SearchIndexAtStartup : IStartupStep
    {
        public Task AfterRecipeAsync(IServiceProvider services, string? command, CancellationToken ct) =>
            command is FirstRun.RecipeCommand ? Task.CompletedTask : EnsureIndexAsync(services, force: command is ReindexCommand, ct);
    }
}
