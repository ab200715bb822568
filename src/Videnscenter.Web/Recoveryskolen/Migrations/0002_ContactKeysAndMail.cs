using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Videnscenter.Web.Recoveryskolen.Migrations;

/// <summary>Recognising the same person twice, the link for later mails, and the reminder's mark.</summary>
[DbContext(typeof(RegistrationsDbContext))]
[Migration("20261205000200_ContactKeysAndMail")]
public sealed class ContactKeysAndMail : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<string>("ProtectedToken", "CourseRegistrations", nullable: true);
        mb.AddColumn<string>("EmailKey", "CourseRegistrations", nullable: true);
        mb.AddColumn<string>("PhoneKey", "CourseRegistrations", nullable: true);
        mb.AddColumn<DateTime>("ReminderSentUtc", "CourseRegistrations", nullable: true);
        mb.CreateIndex("IX_CourseRegistrations_CourseId_EmailKey", "CourseRegistrations", ["CourseId", "EmailKey"]);
        mb.CreateIndex("IX_CourseRegistrations_CourseId_PhoneKey", "CourseRegistrations", ["CourseId", "PhoneKey"]);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropIndex("IX_CourseRegistrations_CourseId_PhoneKey", "CourseRegistrations");
        mb.DropIndex("IX_CourseRegistrations_CourseId_EmailKey", "CourseRegistrations");
        mb.DropColumn("ReminderSentUtc", "CourseRegistrations");
        mb.DropColumn("PhoneKey", "CourseRegistrations");
        mb.DropColumn("EmailKey", "CourseRegistrations");
        mb.DropColumn("ProtectedToken", "CourseRegistrations");
    }
}
