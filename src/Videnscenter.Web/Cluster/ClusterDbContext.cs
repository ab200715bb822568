using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Videnscenter.Web.Cluster;

/// <summary>
/// What the nodes of one site share besides content: the data-protection keys (cookies and
/// antiforgery tokens made on one node are read on another), the leases of cluster-wide jobs, and
/// each node's position in the content change log (for pruning it).
/// </summary>
public sealed class ClusterDbContext(DbContextOptions<ClusterDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public const string HistoryTable = "__ClusterMigrations";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<ClusterNode> Nodes => Set<ClusterNode>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<DataProtectionKey>(e =>
        {
            e.ToTable("DataProtectionKeys");
            e.HasKey(x => x.Id);
        });
        b.Entity<JobLease>(e =>
        {
            e.ToTable("JobLeases");
            e.HasKey(x => x.Name);
        });
        b.Entity<ClusterNode>(e =>
        {
            e.ToTable("ClusterNodes");
            e.HasKey(x => x.Name);
        });

        // SQLite hands DateTime back without a kind; every timestamp we store is UTC.
        var utc = new ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        foreach (var entity in b.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(DateTime)))
                property.SetValueConverter(utc);
    }
}

/// <summary>A cluster-wide job's lease: the node holding it runs the job; nobody else does until it expires.</summary>
public sealed class JobLease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTime ExpiresUtc { get; set; }
}

/// <summary>A node of the cluster, the last change-log entry it applied, and when it was last heard of.</summary>
public sealed class ClusterNode
{
    public required string Name { get; set; }
    public long AppliedChangeId { get; set; }
    public DateTime SeenUtc { get; set; }
}
