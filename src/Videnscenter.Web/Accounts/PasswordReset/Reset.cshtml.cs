using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Videnscenter.Web.Accounts.Audit;

namespace Videnscenter.Web.Accounts.PasswordReset;

/// <summary>/konto/ny-adgangskode: the page the reset link opens; a new password, once.</summary>
[EnableRateLimiting(AccountsFeature.SignInRateLimit)]
public sealed class ResetModel(UserManager<IdentityUser> users, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "bruger")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "kode")]
    public string? Code { get; set; }

    [BindProperty, Required(ErrorMessage = "Skriv en ny adgangskode."), DataType(DataType.Password), Display(Name = "Ny adgangskode")]
    public string NewPassword { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Skriv den nye adgangskode igen."), DataType(DataType.Password), Display(Name = "Gentag den nye adgangskode"),
     Compare(nameof(NewPassword), ErrorMessage = "De to adgangskoder er ikke ens.")]
    public string ConfirmPassword { get; set; } = "";

    /// <summary>The link is unknown, used or expired: nothing to do but ask for a new one.</summary>
    public bool LinkInvalid { get; private set; }
    public bool Changed { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Response.Headers.CacheControl = "no-store";
        LinkInvalid = await UserAndTokenAsync() is null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var found = await UserAndTokenAsync();
        if (found is not { } f)
        {
            LinkInvalid = true;
            return Page();
        }
        if (!ModelState.IsValid) return Page();
        var result = await users.ResetPasswordAsync(f.User, f.Token, NewPassword);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))) LinkInvalid = true;
            else foreach (var error in result.Errors) ModelState.AddModelError(nameof(NewPassword), error.Description);
            return Page();
        }
        await users.ResetAccessFailedCountAsync(f.User);
        await audit.WriteAsync(AuditAction.PasswordChanged, f.User.UserName ?? "", f.User.UserName ?? "", "via link i mail", ct: ct);
        Changed = true;
        return Page();
    }

    /// <summary>The user and the token, if the link still works (checked without using it up).</summary>
    private Task<(IdentityUser User, string Token)?> UserAndTokenAsync() =>
        PasswordResetFeature.VerifyLinkAsync(users, UserId, Code, users.Options.Tokens.PasswordResetTokenProvider,
            UserManager<IdentityUser>.ResetPasswordTokenPurpose);
}
