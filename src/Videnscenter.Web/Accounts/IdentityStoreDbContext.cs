using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Videnscenter.Web.Accounts;

/// <summary>ASP.NET Core Identity's users and roles, in the same database as the content.</summary>
public sealed class IdentityStoreDbContext(DbContextOptions<IdentityStoreDbContext> options)
    : IdentityDbContext<IdentityUser, IdentityRole, string>(options)
{
    public const string HistoryTable = "__IdentityMigrations";
}
