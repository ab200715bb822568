using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Videnscenter.Media.Library;

/// <summary>The media library's own tables, beside the content tables in the same database, with their own migration history.</summary>
public sealed class MediaDbContext(DbContextOptions<MediaDbContext> options) : DbContext(options)
{
    public const string HistoryTable = "__MediaMigrations";

    public DbSet<MediaFile> Files => Set<MediaFile>();
    public DbSet<SlideTextRecord> SlideTexts => Set<SlideTextRecord>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        // SQLite hands DateTime back without a kind; every timestamp we store is UTC.
        var utc = new ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        b.Entity<MediaFile>(e =>
        {
            e.ToTable("MediaFiles");
            e.HasKey(x => x.Name);
            e.HasIndex(x => x.Sha256);
            // Stored by name so the table reads well and a new kind needs no renumbering.
            e.Property(x => x.Kind).HasConversion<string>();
            e.Property(x => x.UploadedUtc).HasConversion(utc);
            e.Property(x => x.UpdatedUtc).HasConversion(utc);
            e.Ignore(x => x.ContentType);
            e.Ignore(x => x.Url);
        });
        b.Entity<SlideTextRecord>(e =>
        {
            e.ToTable("MediaSlideTexts");
            e.HasKey(x => x.Sha256);
            e.Property(x => x.ExtractedUtc).HasConversion(utc);
        });
    }
}
