using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Videnscenter.Web.Accounts.Audit;

namespace Videnscenter.Web.Accounts;

[EnableRateLimiting(AccountsFeature.SignInRateLimit)]
public sealed class LoginModel(SignInManager<IdentityUser> signIn, AuditLog audit, ILogger<LoginModel> log) : PageModel
{
    /// <summary>
    /// The one answer to every failed sign-in, whether the user is unknown, the password wrong or the
    /// account locked: the page must not tell anyone which user names exist. The audit log says which.
    /// </summary>
    public const string FailedMessage = "Brugernavnet eller adgangskoden er forkert, eller kontoen er låst. " +
        "Efter fem forkerte forsøg er kontoen låst i 15 minutter. Kontakt en administrator, hvis du ikke kan komme ind.";

    [BindProperty, Required(ErrorMessage = "Skriv dit brugernavn."), Display(Name = "Brugernavn")]
    public string UserName { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Skriv din adgangskode."), DataType(DataType.Password), Display(Name = "Adgangskode")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var userName = UserName.Trim();
        var user = await signIn.UserManager.FindByNameAsync(userName);
        var lockedBefore = user is not null && await signIn.UserManager.IsLockedOutAsync(user);
        if (user is null) Lockouts.SpendHashingTime(signIn.UserManager, Password);

        var result = await signIn.PasswordSignInAsync(userName, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditAction.SignInSucceeded, userName, userName, ct: ct);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        // A lock set by an administrator lasts until lifted; one from wrong passwords lasts 15 minutes.
        var blocked = user is not null && Users.UserAdmin.IsBlocked(user);
        // No user name in the log: it is often a person's e-mail address (the audit log records who).
        log.LogWarning("Failed sign-in (locked out: {LockedOut})", result.IsLockedOut);
        await audit.WriteAsync(AuditAction.SignInFailed, userName, userName,
            user is null ? "ukendt brugernavn"
            : blocked ? "kontoen er spærret"
            : result.IsLockedOut ? "kontoen er låst efter for mange forkerte forsøg" : "forkert adgangskode",
            ct: ct);
        if (result.IsLockedOut && !lockedBefore && user is not null)
            await Lockouts.RecordAsync(audit, userName, "ved log ind", ct);
        Error = FailedMessage;
        return Page();
    }
}
