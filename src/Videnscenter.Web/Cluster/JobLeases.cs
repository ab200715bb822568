using Microsoft.EntityFrameworkCore;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Cluster;

/// <summary>
/// Scheduled jobs run once per cluster, not once per node: before a run, a node takes the job's
/// lease for the job's period; every other node's tick in that period finds it taken and skips.
/// A node that dies mid-run holds the lease only until it expires.
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, SiteOptions site, TimeProvider clock)
{
    /// <summary>True when this node took the lease of <paramref name="job"/> for <paramref name="period"/> and should run it now.</summary>
    public async Task<bool> TryTakeAsync(string job, TimeSpan period, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClusterDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + period;
        var me = site.NodeName;
        // One conditional UPDATE: of two nodes racing for an expired lease, only one matches.
        var taken = await db.JobLeases.Where(l => l.Name == job && l.ExpiresUtc <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, me).SetProperty(l => l.ExpiresUtc, until), ct);
        if (taken == 1) return true;
        if (await db.JobLeases.AnyAsync(l => l.Name == job, ct)) return false;
        db.JobLeases.Add(new JobLease { Name = job, Holder = me, ExpiresUtc = until });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node inserted the first lease of this job at the same moment.
            return false;
        }
    }
}
