using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Videnscenter.Web.Mail.Migrations;

// Hand-written like the other features' migrations: column types are left to the provider, so the
// same migration serves SQLite and PostgreSQL.
[DbContext(typeof(MailDbContext))]
[Migration("20261205000100_Mail")]
public sealed class Mail : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("OutboxMessages", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Kind = t.Column<string>(nullable: false),
            To = t.Column<string>(nullable: false),
            Subject = t.Column<string>(nullable: false),
            Mime = t.Column<byte[]>(nullable: false),
            Status = t.Column<int>(nullable: false),
            Attempts = t.Column<int>(nullable: false),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            NextAttemptUtc = t.Column<DateTime>(nullable: false),
            SentUtc = t.Column<DateTime>(nullable: true),
            LastError = t.Column<string>(nullable: true),
            LeasedBy = t.Column<string>(nullable: true),
            LeaseUntilUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_OutboxMessages", x => x.Id));
        mb.CreateIndex("IX_OutboxMessages_Status_NextAttemptUtc", "OutboxMessages", ["Status", "NextAttemptUtc"]);
        mb.CreateIndex("IX_OutboxMessages_CreatedUtc", "OutboxMessages", "CreatedUtc");
        mb.CreateIndex("IX_OutboxMessages_LeasedBy", "OutboxMessages", "LeasedBy");

        mb.CreateTable("MailTemplates", t => new
        {
            Key = t.Column<string>(nullable: false),
            Subject = t.Column<string>(nullable: false),
            Body = t.Column<string>(nullable: false),
            UpdatedUtc = t.Column<DateTime>(nullable: false),
            UpdatedBy = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_MailTemplates", x => x.Key));

        mb.CreateTable("MailJobLeases", t => new
        {
            Name = t.Column<string>(nullable: false),
            Holder = t.Column<string>(nullable: true),
            UntilUtc = t.Column<DateTime>(nullable: false),
            LastRunUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_MailJobLeases", x => x.Name));
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("MailJobLeases");
        mb.DropTable("MailTemplates");
        mb.DropTable("OutboxMessages");
    }
}
