using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Videnscenter.Web.Recoveryskolen.Migrations;

// Hand-written like the content migrations: column types are left to the provider, so the same
// migration serves SQLite and PostgreSQL.
[DbContext(typeof(RegistrationsDbContext))]
[Migration("20261122000100_Registrations")]
public sealed class Registrations : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("CourseCounters", t => new
        {
            CourseId = t.Column<Guid>(nullable: false),
            NextNumber = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_CourseCounters", x => x.CourseId));

        mb.CreateTable("CourseRegistrations", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CourseId = t.Column<Guid>(nullable: false),
            Number = t.Column<int>(nullable: false),
            Name = t.Column<string>(nullable: false),
            Email = t.Column<string>(nullable: true),
            Phone = t.Column<string>(nullable: true),
            Status = t.Column<int>(nullable: false),
            TokenHash = t.Column<string>(nullable: false),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            PromotedUtc = t.Column<DateTime>(nullable: true),
            CancelledUtc = t.Column<DateTime>(nullable: true),
            CancelledBy = t.Column<string>(nullable: true),
            CourseEndsUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_CourseRegistrations", x => x.Id));
        mb.CreateIndex("IX_CourseRegistrations_CourseId_Number", "CourseRegistrations", ["CourseId", "Number"], unique: true);
        mb.CreateIndex("IX_CourseRegistrations_TokenHash", "CourseRegistrations", "TokenHash", unique: true);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("CourseRegistrations");
        mb.DropTable("CourseCounters");
    }
}
