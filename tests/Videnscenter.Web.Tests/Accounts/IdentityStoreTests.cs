using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Videnscenter.Content.Storage;
using Videnscenter.Content.Tests.Harness;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Tests.Accounts;

/// <summary>Identity's hand-written migrations on SQLite and (with ./test.sh) PostgreSQL: users, roles and claims can be stored.</summary>
public sealed class IdentityStoreTests
{
    [Theory, MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Users_roles_and_claims_can_be_stored(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var connection = database.ConnectionString;
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddDbContext<IdentityStoreDbContext>(o => o.Use(connection, IdentityStoreDbContext.HistoryTable));
        services.AddIdentityCore<IdentityUser>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version1)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<IdentityStoreDbContext>();
        services.AddAccountSecurity(); // Danish letters in user names
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>().Database.MigrateAsync();

        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        Assert.True((await roles.CreateAsync(new IdentityRole(Roles.Staff))).Succeeded);
        Assert.True((await roles.AddClaimAsync((await roles.FindByNameAsync(Roles.Staff))!, new Claim("kan", "læse"))).Succeeded);
        var user = new IdentityUser("mette.æblegård");
        Assert.True((await users.CreateAsync(user, "Et-Godt-Kodeord-2026")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Staff)).Succeeded);
        Assert.True((await users.AddClaimAsync(user, new Claim("afdeling", "mestringsvejledning"))).Succeeded);
        Assert.True((await users.AddClaimAsync(user, new Claim("afdeling", "recoveryskolen"))).Succeeded);
        Assert.Equal(2, (await users.GetClaimsAsync(user)).Count);
        Assert.Equal([Roles.Staff], await users.GetRolesAsync(user));
    }
}
