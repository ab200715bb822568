using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Accounts.Audit;
using Videnscenter.Web.Mail;

namespace Videnscenter.Web.Accounts.Users;

/// <summary>
/// An administrator creates a user with roles and either invites them by mail (a link to choose
/// their own password; the default) or gives them a password: typed, or generated and shown once.
/// </summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class CreateModel(UserManager<IdentityUser> users, RoleManager<IdentityRole> roleManager, IdentityStoreDbContext db,
    MailOutbox outbox, AuditLog audit) : PageModel
{
    public const string ByInvitation = "invitation";
    public const string ByPassword = "adgangskode";

    /// <summary>How the user gets a password: <see cref="ByInvitation"/> or <see cref="ByPassword"/>.</summary>
    [BindProperty]
    public string Access { get; set; } = ByInvitation;

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
    public bool Invited { get; private set; }

    public async Task OnGetAsync() => AvailableRoles = await UserAdmin.RolesAsync(roleManager);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        AvailableRoles = await UserAdmin.RolesAsync(roleManager);
        var userName = UserName.Trim();
        var email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        var roles = AvailableRoles.Where(SelectedRoles.Contains).ToList();
        if (SelectedRoles.Except(AvailableRoles).Any()) ModelState.AddModelError(nameof(SelectedRoles), "Vælg kun blandt de viste roller.");
        var invite = Access != ByPassword;
        if (invite && email is null && ModelState.GetFieldValidationState(nameof(Email)) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
            ModelState.AddModelError(nameof(Email), "Skriv brugerens e-mailadresse, så invitationen kan sendes, eller vælg at give brugeren en adgangskode.");
        if (!ModelState.IsValid) return Page();

        var generated = !invite && string.IsNullOrEmpty(Password);
        var password = invite ? null : generated ? Passwords.Generate() : Password!;
        var user = new IdentityUser(userName) { Email = email, LockoutEnabled = true };
        // The user, their roles and the invitation mail are stored together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
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
        if (invite) await Invitations.Invitations.SendAsync(users, db, outbox, user, actor, ct);
        await transaction.CommitAsync(ct);

        await audit.WriteAsync(AuditAction.UserCreated, actor, userName,
            $"roller: {UserAdmin.List(roles)}" + (email is null ? "" : $"; e-mail: {email}"), ct: ct);
        if (invite) await audit.WriteAsync(AuditAction.InvitationSent, actor, userName, $"til {email}", ct: ct);
        Invited = invite;

        // The page now holds a password: keep it out of every cache.
        Response.Headers.CacheControl = "no-store";
        Created = user;
        GeneratedPassword = generated ? password : null;
        return Page();
    }
}
