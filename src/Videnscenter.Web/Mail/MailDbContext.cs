using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Videnscenter.Web.Mail;

/// <summary>The outbox, the editors' mail templates and the scheduled jobs' leases, with their own migration history.</summary>
public sealed class MailDbContext(DbContextOptions<MailDbContext> options) : DbContext(options)
{
    public const string HistoryTable = "__MailMigrations";

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<MailTemplateRow> Templates => Set<MailTemplateRow>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<OutboxMessage>(e =>
        {
            e.ToTable("OutboxMessages");
            e.HasKey(x => x.Id);
            e.Property(x => x.Status).HasConversion<int>();
            e.HasIndex(x => new { x.Status, x.NextAttemptUtc });
            e.HasIndex(x => x.CreatedUtc);
            e.HasIndex(x => x.LeasedBy);
        });
        b.Entity<MailTemplateRow>(e =>
        {
            e.ToTable("MailTemplates");
            e.HasKey(x => x.Key);
        });
        b.Entity<JobLease>(e =>
        {
            e.ToTable("MailJobLeases");
            e.HasKey(x => x.Name);
        });

        // SQLite hands DateTime back without a kind; every timestamp we store is UTC.
        var utc = new ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        var utcNullable = new ValueConverter<DateTime?, DateTime?>(
            v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
        foreach (var entity in b.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
            {
                if (property.ClrType == typeof(DateTime)) property.SetValueConverter(utc);
                else if (property.ClrType == typeof(DateTime?)) property.SetValueConverter(utcNullable);
            }
    }
}
