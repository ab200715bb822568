using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Web.Accounts.Audit;

namespace Videnscenter.Web.Accounts;

/// <summary>A signed-in user changes their own password (there is no mail server, so no reset links).</summary>
[Authorize]
public sealed class ChangePasswordModel(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, AuditLog audit) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Skriv din nuværende adgangskode."), DataType(DataType.Password), Display(Name = "Nuværende adgangskode")]
    public string CurrentPassword { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Skriv en ny adgangskode."), DataType(DataType.Password), Display(Name = "Ny adgangskode")]
    public string NewPassword { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Skriv den nye adgangskode igen."), DataType(DataType.Password), Display(Name = "Gentag den nye adgangskode")]
    [Compare(nameof(NewPassword), ErrorMessage = "De to nye adgangskoder er ikke ens.")]
    public string ConfirmPassword { get; set; } = "";

    public bool Changed { get; private set; }

    public const string LockedMessage = "Der er skrevet en forkert adgangskode for mange gange, så kontoen er låst i 15 minutter, " +
        "og du er logget ud. Kontakt en administrator, hvis det ikke var dig.";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();

        // Wrong current passwords count like failed sign-ins: five lock the account (and end its
        // sessions), so a stolen session cannot be used to guess the password.
        if (await users.IsLockedOutAsync(user))
        {
            ModelState.AddModelError(nameof(CurrentPassword), LockedMessage);
            return Page();
        }
        if (!await users.CheckPasswordAsync(user, CurrentPassword))
        {
            await users.AccessFailedAsync(user);
            await audit.WriteAsync(AuditAction.SignInFailed, user.UserName ?? "", user.UserName ?? "",
                "forkert nuværende adgangskode ved skift af adgangskode", ct: ct);
            if (await users.IsLockedOutAsync(user))
            {
                await Lockouts.RecordAsync(audit, user.UserName ?? "", "ved skift af adgangskode", ct);
                await users.UpdateSecurityStampAsync(user);
                await signIn.SignOutAsync();
                ModelState.AddModelError(nameof(CurrentPassword), LockedMessage);
                return Page();
            }
            ModelState.AddModelError(nameof(CurrentPassword), "Den nuværende adgangskode er forkert.");
            return Page();
        }
        await users.ResetAccessFailedCountAsync(user);

        var result = await users.ChangePasswordAsync(user, CurrentPassword, NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(CurrentPassword) : nameof(NewPassword),
                    error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Den nuværende adgangskode er forkert." : error.Description);
            return Page();
        }

        // The password change renews the security stamp; renew the cookie so this session stays signed in.
        await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync(AuditAction.PasswordChanged, user.UserName ?? "", user.UserName ?? "", ct: ct);
        Changed = true;
        ModelState.Clear();
        CurrentPassword = NewPassword = ConfirmPassword = "";
        return Page();
    }
}
