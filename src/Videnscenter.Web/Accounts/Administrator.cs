using Microsoft.AspNetCore.Identity;

namespace Videnscenter.Web.Accounts;

/// <summary>The administrator "admin", created at the first start so someone can sign in at all.</summary>
public static class Administrator
{
    public const string UserName = "admin";

    /// <summary>Creates "admin" when missing, with VIDENSCENTER_ADMIN_PASSWORD or a generated password printed once.</summary>
    public static async Task EnsureAsync(IServiceProvider sp)
    {
        var users = sp.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByNameAsync(UserName) is not null) return;

        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(Roles.Administrator)) await roles.CreateAsync(new IdentityRole(Roles.Administrator));

        var configured = Environment.GetEnvironmentVariable("VIDENSCENTER_ADMIN_PASSWORD");
        var password = string.IsNullOrEmpty(configured) ? Passwords.Generate() : configured;
        var admin = new IdentityUser(UserName);
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
            throw new InvalidOperationException("Administratoren kunne ikke oprettes: " +
                string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(admin, Roles.Administrator);

        if (string.IsNullOrEmpty(configured))
        {
            // Printed this once only: it is stored nowhere but as a hash.
            Console.WriteLine();
            Console.WriteLine($"Administratoren «{UserName}» er oprettet med adgangskoden: {password}");
            Console.WriteLine("Gem den nu; den vises ikke igen. (Sæt VIDENSCENTER_ADMIN_PASSWORD for at vælge den selv.)");
            Console.WriteLine();
        }
    }
}
