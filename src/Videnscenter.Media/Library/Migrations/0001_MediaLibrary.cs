using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Videnscenter.Media.Library.Migrations;

// Hand-written like the content migrations: column types are left to the provider, so one migration
// serves SQLite and PostgreSQL.
[DbContext(typeof(MediaDbContext))]
[Migration("20261201000001_MediaLibrary")]
public sealed class CreateMediaLibrary : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("MediaFiles", t => new
        {
            Name = t.Column<string>(nullable: false),
            OriginalName = t.Column<string>(nullable: false),
            Kind = t.Column<string>(nullable: false),
            Length = t.Column<long>(nullable: false),
            Sha256 = t.Column<string>(nullable: false),
            AltText = t.Column<string>(nullable: true),
            UploadedBy = t.Column<string>(nullable: false),
            UploadedUtc = t.Column<DateTime>(nullable: false),
            UpdatedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_MediaFiles", x => x.Name));
        mb.CreateIndex("IX_MediaFiles_Sha256", "MediaFiles", "Sha256");

        mb.CreateTable("MediaSlideTexts", t => new
        {
            Sha256 = t.Column<string>(nullable: false),
            SlidesJson = t.Column<string>(nullable: false),
            Error = t.Column<string>(nullable: true),
            ExtractedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_MediaSlideTexts", x => x.Sha256));
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("MediaSlideTexts");
        mb.DropTable("MediaFiles");
    }
}
