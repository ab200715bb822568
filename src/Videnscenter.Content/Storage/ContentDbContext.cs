using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Videnscenter.Content.Storage;

public sealed class ContentDbContext(DbContextOptions<ContentDbContext> options) : DbContext(options)
{
    public const string HistoryTable = "__ContentMigrations";

    public DbSet<ContentTypeRecord> ContentTypes => Set<ContentTypeRecord>();
    public DbSet<TaxonomyRecord> Taxonomies => Set<TaxonomyRecord>();
    public DbSet<SettingRecord> Settings => Set<SettingRecord>();
    public DbSet<ContentItemRecord> Items => Set<ContentItemRecord>();
    public DbSet<ContentVersionRecord> Versions => Set<ContentVersionRecord>();
    public DbSet<ContentChangeRecord> Changes => Set<ContentChangeRecord>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<ContentTypeRecord>(e =>
        {
            e.ToTable("ContentTypes");
            e.HasKey(x => x.Name);
        });
        b.Entity<TaxonomyRecord>(e =>
        {
            e.ToTable("Taxonomies");
            e.HasKey(x => x.Name);
        });
        b.Entity<SettingRecord>(e =>
        {
            e.ToTable("Settings");
            e.HasKey(x => x.Key);
        });
        b.Entity<ContentItemRecord>(e =>
        {
            e.ToTable("ContentItems");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.ContentType);
        });
        b.Entity<ContentVersionRecord>(e =>
        {
            e.ToTable("ContentVersions");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.ItemId, x.Number }).IsUnique();
            e.HasIndex(x => new { x.ContentType, x.Slug });
            e.HasIndex(x => new { x.ContentType, x.Published });
            e.HasOne<ContentItemRecord>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ContentChangeRecord>(e =>
        {
            e.ToTable("ContentChanges");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.Property(x => x.Kind).HasConversion<int>();
            e.HasIndex(x => x.CreatedUtc);
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
