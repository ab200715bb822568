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
/// One user: e-mail and roles, a new password (typed or generated and shown once), and blocking.
/// The last administrator cannot lose the role, and no one can block themselves.
/// </summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class EditModel(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, RoleManager<IdentityRole> roleManager,
    IdentityStoreDbContext db, MailOutbox outbox, AuditLog audit) : PageModel
{
    [BindProperty, EmailAddress(ErrorMessage = "Skriv en gyldig e-mailadresse, fx navn@randers.dk, eller lad feltet stå tomt."), Display(Name = "E-mail (valgfri)")]
    public string? Email { get; set; }

    [BindProperty]
    public List<string> SelectedRoles { get; set; } = [];

    [BindProperty, DataType(DataType.Password), Display(Name = "Ny adgangskode (valgfri)")]
    public string? NewPassword { get; set; }

    public IdentityUser Subject { get; private set; } = null!;
    public IReadOnlyList<string> AvailableRoles { get; private set; } = [];
    public bool IsSelf { get; private set; }
    /// <summary>The user signs in with their work account (single sign-on); roles the group map hands out follow the groups.</summary>
    public bool HasWorkAccount { get; private set; }
    public string? Message { get; private set; }
    public string? GeneratedPassword { get; private set; }
    /// <summary>Which form the errors on the page belong to, so the summary sits above it.</summary>
    public string? FailedForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Email = Subject.Email;
        SelectedRoles = (await users.GetRolesAsync(Subject)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Remove(nameof(NewPassword));
        var wanted = AvailableRoles.Where(SelectedRoles.Contains).ToList();
        if (SelectedRoles.Except(AvailableRoles).Any()) ModelState.AddModelError(nameof(SelectedRoles), "Vælg kun blandt de viste roller.");

        var current = await users.GetRolesAsync(Subject);
        var removed = AvailableRoles.Where(r => current.Contains(r) && !wanted.Contains(r)).ToList();
        var added = wanted.Where(r => !current.Contains(r)).ToList();
        if (removed.Contains(Roles.Administrator) && (await users.GetUsersInRoleAsync(Roles.Administrator)).Count <= 1)
            ModelState.AddModelError(nameof(SelectedRoles),
                $"{Subject.UserName} er den eneste administrator, så rollen Administrator kan ikke fjernes. Giv først en anden bruger rollen.");
        if (!ModelState.IsValid) return Failed("save");

        var actor = User.Identity?.Name ?? "";
        var email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        if (!string.Equals(email, Subject.Email, StringComparison.Ordinal))
        {
            var old = Subject.Email;
            var changed = await users.SetEmailAsync(Subject, email);
            if (!changed.Succeeded)
            {
                foreach (var error in changed.Errors) ModelState.AddModelError(nameof(Email), error.Description);
                return Failed("save");
            }
            await audit.WriteAsync(AuditAction.UserUpdated, actor, Subject.UserName ?? "",
                $"e-mail: {old ?? "ingen"} → {email ?? "ingen"}", ct: ct);
        }

        if (added.Count > 0 || removed.Count > 0)
        {
            var result = added.Count > 0 ? await users.AddToRolesAsync(Subject, added) : IdentityResult.Success;
            if (result.Succeeded && removed.Count > 0) result = await users.RemoveFromRolesAsync(Subject, removed);
            if (!result.Succeeded)
            {
                foreach (var error in result.Errors) ModelState.AddModelError(nameof(SelectedRoles), error.Description);
                return Failed("save");
            }
            // Sessions carry the roles they signed in with; a new stamp makes them pick up the change.
            await users.UpdateSecurityStampAsync(Subject);
            if (IsSelf) await signIn.RefreshSignInAsync(Subject);
            await audit.WriteAsync(AuditAction.RolesChanged, actor, Subject.UserName ?? "",
                string.Join("; ", new[]
                {
                    added.Count > 0 ? $"tilføjet: {UserAdmin.List(added)}" : null,
                    removed.Count > 0 ? $"fjernet: {UserAdmin.List(removed)}" : null,
                }.OfType<string>()), ct: ct);
        }

        TempData["Besked"] = $"Ændringerne af {Subject.UserName} er gemt.";
        return Redirect("/admin/brugere");
    }

    public async Task<IActionResult> OnPostPasswordAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id)) return NotFound();
        await RestoreStoredAsync();
        var generated = string.IsNullOrEmpty(NewPassword);
        var password = generated ? Passwords.Generate() : NewPassword!;

        // Validate first, so a password the policy refuses leaves the old one in place.
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, Subject, password);
            foreach (var error in check.Errors) ModelState.AddModelError(nameof(NewPassword), error.Description);
        }
        if (!ModelState.IsValid) return Failed("password");

        var token = await users.GeneratePasswordResetTokenAsync(Subject);
        var result = await users.ResetPasswordAsync(Subject, token, password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError(nameof(NewPassword), error.Description);
            return Failed("password");
        }
        // The reset renewed the stamp, which ends the user's sessions; an administrator's own stays.
        if (IsSelf) await signIn.RefreshSignInAsync(Subject);
        // A forgotten password is often why the account was locked after wrong attempts.
        await users.ResetAccessFailedCountAsync(Subject);
        if (UserAdmin.IsLocked(Subject) && !UserAdmin.IsBlocked(Subject)) await users.SetLockoutEndDateAsync(Subject, null);

        await audit.WriteAsync(AuditAction.PasswordReset, User.Identity?.Name ?? "", Subject.UserName ?? "",
            generated ? "tilfældig adgangskode vist til administratoren" : "adgangskode valgt af administratoren", ct: ct);
        Response.Headers.CacheControl = "no-store";
        GeneratedPassword = generated ? password : null;
        Message = generated
            ? $"{Subject.UserName} har fået en ny adgangskode. Giv den til brugeren nu; den vises ikke igen."
            : $"{Subject.UserName} har fået den adgangskode, du skrev.";
        NewPassword = null;
        return Page();
    }

    /// <summary>A new invitation for a user who has not chosen a password yet; the new stamp retires the old link.</summary>
    public async Task<IActionResult> OnPostInviteAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Subject.PasswordHash is not null || HasWorkAccount || string.IsNullOrEmpty(Subject.Email))
        {
            TempData["Besked"] = $"{Subject.UserName} har allerede en adgangskode eller ingen e-mail, så der er ikke sendt en invitation.";
            return Redirect($"/admin/brugere/{Subject.Id}");
        }
        var actor = User.Identity?.Name ?? "";
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await users.UpdateSecurityStampAsync(Subject);
            await Invitations.Invitations.SendAsync(users, db, outbox, Subject, actor, ct);
            await transaction.CommitAsync(ct);
        }
        await audit.WriteAsync(AuditAction.InvitationSent, actor, Subject.UserName ?? "", $"igen, til {Subject.Email}", ct: ct);
        TempData["Besked"] = $"En ny invitation er sendt til {Subject.Email}.";
        return Redirect($"/admin/brugere/{Subject.Id}");
    }

    public async Task<IActionResult> OnPostLockAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id)) return NotFound();
        await RestoreStoredAsync();
        if (IsSelf)
        {
            ModelState.AddModelError("lock", "Du kan ikke spærre din egen konto.");
            return Failed("lock");
        }
        await users.SetLockoutEnabledAsync(Subject, true);
        await users.SetLockoutEndDateAsync(Subject, DateTimeOffset.MaxValue);
        // Ends the user's sessions at their next request.
        await users.UpdateSecurityStampAsync(Subject);
        await audit.WriteAsync(AuditAction.UserLocked, User.Identity?.Name ?? "", Subject.UserName ?? "", ct: ct);
        TempData["Besked"] = $"{Subject.UserName} er spærret og kan ikke logge ind, før du ophæver spærringen.";
        return Redirect($"/admin/brugere/{Subject.Id}");
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id)) return NotFound();
        await users.SetLockoutEndDateAsync(Subject, null);
        await users.ResetAccessFailedCountAsync(Subject);
        await audit.WriteAsync(AuditAction.UserUnlocked, User.Identity?.Name ?? "", Subject.UserName ?? "", ct: ct);
        TempData["Besked"] = $"{Subject.UserName} kan logge ind igen.";
        return Redirect($"/admin/brugere/{Subject.Id}");
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (await users.FindByIdAsync(id) is not { } user) return false;
        Subject = user;
        AvailableRoles = await UserAdmin.RolesAsync(roleManager);
        IsSelf = string.Equals(users.GetUserId(User), user.Id, StringComparison.Ordinal);
        HasWorkAccount = (await users.GetLoginsAsync(user)).Count > 0;
        return true;
    }

    /// <summary>The forms for password and blocking do not post e-mail and roles; show the stored ones.</summary>
    private async Task RestoreStoredAsync()
    {
        Email = Subject.Email;
        SelectedRoles = (await users.GetRolesAsync(Subject)).ToList();
        ModelState.Remove(nameof(Email));
        ModelState.Remove(nameof(SelectedRoles));
    }

    private PageResult Failed(string form)
    {
        FailedForm = form;
        return Page();
    }
}
