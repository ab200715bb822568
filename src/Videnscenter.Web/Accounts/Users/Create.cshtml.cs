using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Accounts.Audit;

namespace Videnscenter.Web.Accounts.Users;

/// <summary>
/// An administrator creates a user with roles and a password: typed, or generated and shown once
/// (there is no mail server to send an invitation).
/// </summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class CreateModel(UserManager<IdentityUser> users, RoleManager<IdentityRole> roleManager, AuditLog audit) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Skriv et brugernavn."), StringLength(100, ErrorMessage = "Brugernavnet må højst være 100 tegn."), Display(Name = "Brugernavn")]
    public string UserName { get; set; } = "";

    [BindProperty, EmailAddress(ErrorMessage = "Skriv en gyldig e-mailadresse, fx navn@randers.dk, eller lad feltet stå tomt."), Display(Name = "E-mail (valgfri)")]
    public string? Email { get; set; }

    [BindProperty]
    public List<string> SelectedRoles { get; set; } = [];

    [BindProperty, DataType(DataType.Password), Display(Name = "Adgangskode (valgfri)")]
    public string? Password { get; set; }

    public IReadOnlyList<string> AvailableRoles { get; private set; } = [];

    /// <summary>Set once the user exists; the generated password is shown on this response only.</summary>
    public IdentityUser? Created { get; private set; }
    public string? GeneratedPassword { get; private set; }

    public async Task OnGetAsync() => AvailableRoles = await UserAdmin.RolesAsync(roleManager);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        AvailableRoles = await UserAdmin.RolesAsync(roleManager);
        var userName = UserName.Trim();
        var email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        var roles = AvailableRoles.Where(SelectedRoles.Contains).ToList();
        if (SelectedRoles.Except(AvailableRoles).Any()) ModelState.AddModelError(nameof(SelectedRoles), "Vælg kun blandt de viste roller.");
        if (!ModelState.IsValid) return Page();

        var generated = string.IsNullOrEmpty(Password);
        var password = generated ? Passwords.Generate() : Password!;
        var user = new IdentityUser(userName) { Email = email, LockoutEnabled = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(Password)
                    : error.Code.Contains("Email", StringComparison.Ordinal) ? nameof(Email) : nameof(UserName), error.Description);
            return Page();
        }
        if (roles.Count > 0)
        {
            var added = await users.AddToRolesAsync(user, roles);
            if (!added.Succeeded) throw new InvalidOperationException(string.Join(" ", added.Errors.Select(e => e.Description)));
        }

        var actor = User.Identity?.Name ?? "";
        await audit.WriteAsync(AuditAction.UserCreated, actor, userName,
            $"roller: {UserAdmin.List(roles)}" + (email is null ? "" : $"; e-mail: {email}"), ct: ct);

        // The page now holds a password: keep it out of every cache.
        Response.Headers.CacheControl = "no-store";
        Created = user;
        GeneratedPassword = generated ? password : null;
        return Page();
    }
}
