using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Videnscenter.Content;
using Videnscenter.Content.Recipes;
using Videnscenter.Content.Settings;
using Videnscenter.Media;
using Videnscenter.Web.Audit;
using Videnscenter.Web.Identity;

namespace Videnscenter.Web.Startup;

/// <summary>
/// Start-up work: apply migrations, run the recipe when it is new or edited, and make sure there
/// is an administrator. On an empty App_Data this sets up the whole seeded site.
/// </summary>
public static class FirstRun
{
    public const string AdminUserName = "admin";

    public static async Task PrepareAsync(IServiceProvider services, SiteOptions options, bool forceRecipe, CancellationToken ct = default)
    {
        await services.MigrateContentAsync(ct);
        await services.MigrateMediaAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<IdentityStoreDbContext>().Database.MigrateAsync(ct);
        await sp.GetRequiredService<Videnscenter.Web.Recoveryskolen.RegistrationsDbContext>().Database.MigrateAsync(ct);
        await sp.MigrateAuditLogAsync(ct);

        var settings = sp.GetRequiredService<SiteSettings>();
        var fingerprint = RecipeExecutor.Fingerprint(options.RecipePath);
        if (forceRecipe || await settings.GetAsync(SiteSettings.RecipeHash, ct) != fingerprint)
        {
            var context = await sp.GetRequiredService<RecipeExecutor>().RunAsync(options.RecipePath, ct);
            await settings.SetAsync(SiteSettings.RecipeHash, fingerprint, ct);
            Console.WriteLine($"Opskriften er kørt: {context.Changes.Count} ændringer, {context.Problems.Count} problemer.");
            foreach (var problem in context.Problems) Console.WriteLine($"  {problem}");
        }

        await EnsureAdministratorAsync(sp);
    }

    private static async Task EnsureAdministratorAsync(IServiceProvider sp)
    {
        var users = sp.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByNameAsync(AdminUserName) is not null) return;

        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(Roles.Administrator)) await roles.CreateAsync(new IdentityRole(Roles.Administrator));

        var configured = Environment.GetEnvironmentVariable("VIDENSCENTER_ADMIN_PASSWORD");
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        var admin = new IdentityUser(AdminUserName);
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
            throw new InvalidOperationException("Administratoren kunne ikke oprettes: " +
                string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(admin, Roles.Administrator);

        if (string.IsNullOrEmpty(configured))
        {
            // Printed this once only: it is stored nowhere but as a hash.
            Console.WriteLine();
            Console.WriteLine($"Administratoren «{AdminUserName}» er oprettet med adgangskoden: {password}");
            Console.WriteLine("Gem den nu; den vises ikke igen. (Sæt VIDENSCENTER_ADMIN_PASSWORD for at vælge den selv.)");
            Console.WriteLine();
        }
    }

    private static string GeneratePassword()
    {
        const string letters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = Enumerable.Range(0, 20).Select(_ => letters[RandomNumberGenerator.GetInt32(letters.Length)]);
        // Grouped for reading aloud; the hyphens and fixed classes satisfy the password policy.
        var s = new string(chars.ToArray());
        return $"{s[..5]}-{s[5..10]}-{s[10..15]}-{s[15..]}-Aa9";
    }
}
