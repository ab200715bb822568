using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Videnscenter.Content.Storage;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Accounts.Audit;
using Videnscenter.Web.Cluster;
using Videnscenter.Web.Recoveryskolen;
using Videnscenter.Web.Search;

namespace Videnscenter.Web.Operations;

/// <summary>The database answers and every context's migrations are applied.</summary>
internal sealed class DatabaseReadyCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        DbContext[] contexts =
        [
            sp.GetRequiredService<ContentDbContext>(), sp.GetRequiredService<ClusterDbContext>(),
            sp.GetRequiredService<IdentityStoreDbContext>(), sp.GetRequiredService<AuditDbContext>(),
            sp.GetRequiredService<RegistrationsDbContext>(),
        ];
        try
        {
            if (!await contexts[0].Database.CanConnectAsync(ct)) return HealthCheckResult.Unhealthy("Databasen svarer ikke.");
            var pending = new List<string>();
            foreach (var db in contexts)
                pending.AddRange(await db.Database.GetPendingMigrationsAsync(ct));
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Databasen svarer, og alle migrationer er kørt.")
                : HealthCheckResult.Unhealthy($"Migrationer mangler: {string.Join(", ", pending)}.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Databasen kunne ikke nås.", e);
        }
    }
}

/// <summary>The search index is open and not waiting for a rebuild; its lag behind the change log is reported (degraded past 30 s).</summary>
internal sealed class SearchIndexReadyCheck(SiteSearch search, ContentChangeFeed feed) : IHealthCheck
{
    public static readonly TimeSpan DegradedAfter = TimeSpan.FromSeconds(30);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (search.NeedsRebuild) return HealthCheckResult.Unhealthy("Søgeindekset skal genopbygges.");
        var (entries, age) = await feed.LagAsync(ct);
        var data = new Dictionary<string, object>
        {
            ["appliedPosition"] = feed.Position,
            ["lagEntries"] = entries,
            ["lagSeconds"] = Math.Round(age.TotalSeconds, 3),
        };
        return age > DegradedAfter
            ? HealthCheckResult.Degraded($"Søgeindekset er {age.TotalSeconds:F0} s bagud.", data: data)
            : HealthCheckResult.Healthy("Søgeindekset er åbent.", data);
    }
}

/// <summary>The ready answer as JSON: overall status and each check with its description and data.</summary>
internal static class HealthReport
{
    public static Task WriteJsonAsync(HttpContext http, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        }, cancellationToken: http.RequestAborted);
    }
}
