using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Videnscenter.Web.Accounts.Audit;

/// <summary>The audit log's one table, in the site's database with its own migration history.</summary>
public sealed class AuditDbContext(DbContextOptions<AuditDbContext> options) : DbContext(options)
{
    public const string HistoryTable = "__AuditMigrations";

    public DbSet<AuditEntry> Entries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries");
            e.HasKey(x => x.Id);
            e.Ignore(x => x.Kind);
            e.HasIndex(x => x.WhenUtc);
            e.HasIndex(x => x.ActorKey);
            e.HasIndex(x => x.ItemId);
            // SQLite hands DateTime back without a kind; every timestamp we store is UTC.
            e.Property(x => x.WhenUtc).HasConversion(new ValueConverter<DateTime, DateTime>(
                v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc)));
        });
    }
}
