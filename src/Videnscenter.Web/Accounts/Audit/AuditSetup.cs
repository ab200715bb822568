using Microsoft.EntityFrameworkCore;
using Videnscenter.Content.Items;
using Videnscenter.Content.Storage;

namespace Videnscenter.Web.Accounts.Audit;

public static class AuditSetup
{
    /// <summary>The audit log on the site's database, and its subscription to content events.</summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<AuditDbContext>(o => o.Use(connectionString, AuditDbContext.HistoryTable));
        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        services.AddScoped<IContentEventHandler, AuditLogger>();
        return services;
    }

    /// <summary>Applies the audit log's migrations (at start-up, before the recipe creates content).</summary>
    public static Task MigrateAuditLogAsync(this IServiceProvider scopedServices, CancellationToken ct = default) =>
        scopedServices.GetRequiredService<AuditDbContext>().Database.MigrateAsync(ct);
}
