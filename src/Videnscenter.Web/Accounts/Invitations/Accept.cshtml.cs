using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Videnscenter.Web.Accounts.Audit;
using Videnscenter.Web.Accounts.PasswordReset;

namespace Videnscenter.Web.Accounts.Invitations;

/// <summary>/konto/invitation: the page the invitation link opens; the user chooses a password and is signed in.</summary>
[EnableRateLimiting(AccountsFeature.SignInRateLimit)]
public sealed class AcceptModel(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "bruger")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "kode")]
    public string? Code { get; set; }

    [BindProperty, Required(ErrorMessage = "Skriv en adgangskode."), DataType(DataType.Password), Display(Name = "Adgangskode")]
    public string NewPassword { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Skriv adgangskoden igen."), DataType(DataType.Password), Display(Name = "Gentag adgangskoden"),
     Compare(nameof(NewPassword), ErrorMessage = "De to adgangskoder er ikke ens.")]
    public string ConfirmPassword { get; set; } = "";

    /// <summary>The link is unknown, used or expired.</summary>
    public bool LinkInvalid { get; private set; }
    public bool Accepted { get; private set; }
    public string? InvitedUserName { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Response.Headers.CacheControl = "no-store";
        var found = await UserAndTokenAsync();
        LinkInvalid = found is null;
        InvitedUserName = found?.User.UserName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (await UserAndTokenAsync() is not { } f)
        {
            LinkInvalid = true;
            return Page();
        }
        InvitedUserName = f.User.UserName;
        if (!ModelState.IsValid) return Page();
        foreach (var validator in users.PasswordValidators)
            foreach (var error in (await validator.ValidateAsync(users, f.User, NewPassword)).Errors)
                ModelState.AddModelError(nameof(NewPassword), error.Description);
        if (!ModelState.IsValid) return Page();

        // An invited user has no password yet; one who set it through "glemt adgangskode" meanwhile
        // has, and the link then no longer works (that changed the security stamp).
        var result = await users.HasPasswordAsync(f.User)
            ? await users.ResetPasswordAsync(f.User, await users.GeneratePasswordResetTokenAsync(f.User), NewPassword)
            : await users.AddPasswordAsync(f.User, NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError(nameof(NewPassword), error.Description);
            return Page();
        }
        // The mail reached the address: it is confirmed. A new stamp makes the link work once only.
        f.User.EmailConfirmed = true;
        await users.UpdateSecurityStampAsync(f.User);
        await audit.WriteAsync(AuditAction.PasswordChanged, f.User.UserName ?? "", f.User.UserName ?? "", "valgt via invitation", ct: ct);
        await signIn.SignInAsync(f.User, isPersistent: false);
        await audit.WriteAsync(AuditAction.SignInSucceeded, f.User.UserName ?? "", f.User.UserName ?? "", "efter invitation", ct: ct);
        Accepted = true;
        return Page();
    }

    /// <summary>The user and the token, if the link still works (checked without using it up).</summary>
    private async Task<(IdentityUser User, string Token)?> UserAndTokenAsync() =>
        await PasswordResetFeature.VerifyLinkAsync(users, UserId, Code, Invitations.TokenProvider, Invitations.Purpose) is { } found
        && !await users.IsLockedOutAsync(found.User)
            ? found
            : null;
}
