using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Videnscenter.Media.Library.Migrations;

/// <summary>An image's width and height (after auto-orientation), read from its header at upload: pages need them for width/height and srcset.</summary>
[DbContext(typeof(MediaDbContext))]
[Migration("20261205000001_ImageSize")]
public sealed class AddImageSize : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<int>("Width", "MediaFiles", nullable: true);
        mb.AddColumn<int>("Height", "MediaFiles", nullable: true);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropColumn("Height", "MediaFiles");
        mb.DropColumn("Width", "MediaFiles");
    }
}
