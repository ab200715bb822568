using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content.Storage;
using Videnscenter.Content.Tests.Harness;
using Videnscenter.Web.Cluster;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Tests.Cluster;

/// <summary>Scheduled jobs run on one node per period: the lease decides which.</summary>
public sealed class JobLeaseTests
{
    [Theory, MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task One_node_takes_a_jobs_lease_until_it_expires(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var services = new ServiceCollection()
            .AddDbContext<ClusterDbContext>(o => o.Use(database.ConnectionString, ClusterDbContext.HistoryTable))
            .BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ClusterDbContext>().Database.MigrateAsync();
        var a = Leases(services, "a", database.ConnectionString);
        var b = Leases(services, "b", database.ConnectionString);

        // Both ask at once for a job nobody has run yet: exactly one gets it.
        var first = await Task.WhenAll(a.TryTakeAsync("oprydning", TimeSpan.FromHours(1)), b.TryTakeAsync("oprydning", TimeSpan.FromHours(1)));
        Assert.Single(first, taken => taken);
        Assert.False(await a.TryTakeAsync("oprydning", TimeSpan.FromHours(1)));
        Assert.False(await b.TryTakeAsync("oprydning", TimeSpan.FromHours(1)));

        // An expired lease is free again, for one taker.
        Assert.True(await a.TryTakeAsync("paamindelser", TimeSpan.Zero));
        Assert.True(await b.TryTakeAsync("paamindelser", TimeSpan.FromHours(1)));
        Assert.False(await a.TryTakeAsync("paamindelser", TimeSpan.FromHours(1)));
    }

    private static JobLeases Leases(IServiceProvider services, string node, string connectionString) =>
        new(services.GetRequiredService<IServiceScopeFactory>(),
            new SiteOptions { NodeName = node, DataPath = Path.GetTempPath(), ConnectionString = connectionString, RecipePath = "" },
            TimeProvider.System);
}
