using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>Recoveryskolen's sign-ups, in their own tables and migration history next to the content.</summary>
public sealed class RegistrationsDbContext(DbContextOptions<RegistrationsDbContext> options) : DbContext(options)
{
    public const string HistoryTable = "__RegistrationMigrations";

    public DbSet<CourseRegistration> Registrations => Set<CourseRegistration>();
    public DbSet<CourseCounter> Counters => Set<CourseCounter>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<CourseRegistration>(e =>
        {
            e.ToTable("CourseRegistrations");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.CourseId, x.Number }).IsUnique();
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => new { x.CourseId, x.EmailKey });
            e.HasIndex(x => new { x.CourseId, x.PhoneKey });
            e.Property(x => x.Status).HasConversion<int>();
        });
        b.Entity<CourseCounter>(e =>
        {
            e.ToTable("CourseCounters");
            e.HasKey(x => x.CourseId);
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
