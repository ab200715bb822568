using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Videnscenter.Content.Storage;
using Videnscenter.Web.Caching;
using Videnscenter.Web.Hosting;
using Videnscenter.Web.Media;
using Videnscenter.Web.Search;

namespace Videnscenter.Web.Cluster;

/// <summary>
/// Several nodes on one database: data-protection keys in the database, scheduled jobs once per
/// cluster (<see cref="JobLeases"/>), and the content change log replayed into each node's search
/// index and caches (<see cref="ContentChangeFeed"/>). On the embedded default (one process on
/// SQLite) the same code runs with one node. Start-up under a lock is in <see cref="StartupLock"/>.
/// </summary>
public static class ClusterFeature
{
    public static IServiceCollection AddCluster(this IServiceCollection services, SiteOptions site)
    {
        services.AddDbContext<ClusterDbContext>(o => o.Use(site.ConnectionString, ClusterDbContext.HistoryTable));
        // Replaces the key folder Hosting sets up (the last repository configured wins): every node
        // must read the keys the others wrote, or a cookie from node A is refused by node B.
        services.AddDataProtection().PersistKeysToDbContext<ClusterDbContext>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<JobLeases>();
        services.AddSingleton<IndexPosition>();
        services.AddSingleton<ContentChangeNotifications>();
        services.AddSingleton<ContentChangeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<ContentChangeFeed>());
        services.AddScoped<Content.Items.IContentEventHandler, ApplyLocalChangeAtOnce>();
        services.AddStartupStep<ClusterStartup>();
        return services;
    }

    /// <summary>Runs last among the start-up steps, under the start-up lock.</summary>
    private sealed class ClusterStartup(ContentChangeFeed feed, SiteSearch search, ContentChangeNotifications notifications, MediaAccess media,
        ReadersContentCaches caches, ILogger<ContentChangeFeed> log) : IStartupStep
    {
        private long _snapshot;
        private bool _indexBuiltAfterSnapshot;

        public async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
        {
            await services.GetRequiredService<ClusterDbContext>().Database.MigrateAsync(ct);
            // Before the recipe writes anything: if the search step is about to build the index from
            // the store, that index holds every entry up to here.
            _snapshot = await ContentChangeLog.LastIdAsync(services.GetRequiredService<ContentDbContext>(), ct);
            _indexBuiltAfterSnapshot = search.NeedsRebuild;
        }

        public async Task AfterRecipeAsync(IServiceProvider services, string? command, CancellationToken ct)
        {
            // The first node creates the cookie key while it holds the start-up lock; the others read it.
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Videnscenter.Cluster.Start").Protect("start");
            if (command is FirstRun.RecipeCommand) return;
            await feed.StartAsync(services, _snapshot, _indexBuiltAfterSnapshot || command is SearchFeature.ReindexCommand, ct);
            // Who may see which file is cached per node; changes made on other nodes clear it too.
            notifications.Subscribe(_ => media.Invalidate());
            // Pages, search answers and the footer cached on this node show every change at once: this
            // node's own (applied before the request returns) and other nodes'. The one place they are emptied.
            notifications.Subscribe(_ => caches.EvictAllAsync().ContinueWith(
                t => log.LogError(t.Exception, "Emptying the page cache after a content change failed"), TaskContinuationOptions.OnlyOnFaulted));
        }
    }
}
