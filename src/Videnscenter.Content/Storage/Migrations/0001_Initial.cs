using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Videnscenter.Content.Storage.Migrations;

// Hand-written: column types are left to the provider (TEXT/INTEGER on SQLite, text/uuid/boolean/
// timestamptz on PostgreSQL), so one migration serves both databases.
[DbContext(typeof(ContentDbContext))]
[Migration("20261122000001_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("ContentTypes", t => new
        {
            Name = t.Column<string>(nullable: false),
            DisplayName = t.Column<string>(nullable: false),
            DefinitionJson = t.Column<string>(nullable: false),
            UpdatedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ContentTypes", x => x.Name));

        mb.CreateTable("Taxonomies", t => new
        {
            Name = t.Column<string>(nullable: false),
            DisplayName = t.Column<string>(nullable: false),
            TermsJson = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Taxonomies", x => x.Name));

        mb.CreateTable("Settings", t => new
        {
            Key = t.Column<string>(nullable: false),
            Value = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Settings", x => x.Key));

        mb.CreateTable("ContentItems", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ContentType = t.Column<string>(nullable: false),
            Status = t.Column<int>(nullable: false),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            CreatedBy = t.Column<string>(nullable: false),
            PublishedUtc = t.Column<DateTime>(nullable: true),
            LatestVersionId = t.Column<Guid>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ContentItems", x => x.Id));
        mb.CreateIndex("IX_ContentItems_ContentType", "ContentItems", "ContentType");

        mb.CreateTable("ContentVersions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ItemId = t.Column<Guid>(nullable: false),
            Number = t.Column<int>(nullable: false),
            ContentType = t.Column<string>(nullable: false),
            Title = t.Column<string>(nullable: false),
            Slug = t.Column<string>(nullable: false),
            Summary = t.Column<string>(nullable: false),
            Body = t.Column<string>(nullable: false),
            Audience = t.Column<int>(nullable: false),
            DepartmentsJson = t.Column<string>(nullable: false),
            TagsJson = t.Column<string>(nullable: false),
            FieldsJson = t.Column<string>(nullable: false),
            Author = t.Column<string>(nullable: false),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            Latest = t.Column<bool>(nullable: false),
            Published = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ContentVersions", x => x.Id);
            t.ForeignKey("FK_ContentVersions_ContentItems_ItemId", x => x.ItemId, "ContentItems", "Id",
                onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_ContentVersions_ItemId_Number", "ContentVersions", ["ItemId", "Number"], unique: true);
        mb.CreateIndex("IX_ContentVersions_ContentType_Slug", "ContentVersions", ["ContentType", "Slug"]);
        mb.CreateIndex("IX_ContentVersions_ContentType_Published", "ContentVersions", ["ContentType", "Published"]);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("ContentVersions");
        mb.DropTable("ContentItems");
        mb.DropTable("Settings");
        mb.DropTable("Taxonomies");
        mb.DropTable("ContentTypes");
    }
}
