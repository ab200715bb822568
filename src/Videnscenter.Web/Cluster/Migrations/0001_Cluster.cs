using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Videnscenter.Web.Cluster.Migrations;

// Hand-written like the other features' migrations: column types are left to the provider.
[DbContext(typeof(ClusterDbContext))]
[Migration("20261205000100_Cluster")]
public sealed class Cluster : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("DataProtectionKeys", t => new
        {
            Id = t.Column<int>(nullable: false)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)
                .Annotation("Sqlite:Autoincrement", true),
            FriendlyName = t.Column<string>(nullable: true),
            Xml = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_DataProtectionKeys", x => x.Id));

        mb.CreateTable("JobLeases", t => new
        {
            Name = t.Column<string>(nullable: false),
            Holder = t.Column<string>(nullable: false),
            ExpiresUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_JobLeases", x => x.Name));

        mb.CreateTable("ClusterNodes", t => new
        {
            Name = t.Column<string>(nullable: false),
            AppliedChangeId = t.Column<long>(nullable: false),
            SeenUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ClusterNodes", x => x.Name));
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("ClusterNodes");
        mb.DropTable("JobLeases");
        mb.DropTable("DataProtectionKeys");
    }
}
