using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Videnscenter.Content.Storage.Migrations;

/// <summary>The content change log that the nodes of a cluster replay (see <see cref="ContentChangeLog"/>).</summary>
[DbContext(typeof(ContentDbContext))]
[Migration("20261205000001_ContentChanges")]
public sealed class ContentChanges : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("ContentChanges", t => new
        {
            // An identity column on PostgreSQL, INTEGER PRIMARY KEY AUTOINCREMENT on SQLite (ids never reused).
            Id = t.Column<long>(nullable: false)
                .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)
                .Annotation("Sqlite:Autoincrement", true),
            ItemId = t.Column<Guid>(nullable: false),
            Kind = t.Column<int>(nullable: false),
            CreatedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ContentChanges", x => x.Id));
        mb.CreateIndex("IX_ContentChanges_CreatedUtc", "ContentChanges", "CreatedUtc");
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("ContentChanges");
}
