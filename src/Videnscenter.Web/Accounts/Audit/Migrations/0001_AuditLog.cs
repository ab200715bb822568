using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Videnscenter.Web.Accounts.Audit.Migrations;

// Hand-written (EF design tools cannot be restored here). Column types are left to the provider
// so the migration serves SQLite and PostgreSQL alike; each provider reads only its own annotation.
[DbContext(typeof(AuditDbContext))]
[Migration("20261201000001_AuditLog")]
public sealed class AuditLog : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("AuditEntries", t => new
        {
            Id = t.Column<long>(nullable: false)
                .Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            WhenUtc = t.Column<DateTime>(nullable: false),
            Actor = t.Column<string>(nullable: false),
            ActorKey = t.Column<string>(nullable: false),
            Action = t.Column<string>(nullable: false),
            ItemId = t.Column<Guid>(nullable: true),
            ItemType = t.Column<string>(nullable: true),
            Target = t.Column<string>(nullable: false),
            TargetKey = t.Column<string>(nullable: false),
            Details = t.Column<string>(nullable: false),
            RemoteAddress = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_AuditEntries", x => x.Id));
        mb.CreateIndex("IX_AuditEntries_WhenUtc", "AuditEntries", "WhenUtc");
        mb.CreateIndex("IX_AuditEntries_ActorKey", "AuditEntries", "ActorKey");
        mb.CreateIndex("IX_AuditEntries_ItemId", "AuditEntries", "ItemId");
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("AuditEntries");
}
