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
        var result = await signIn.PasswordSignInAsync(userName, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditAction.SignInSucceeded, userName, userName, ct: ct);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        // A lock set by an administrator lasts until lifted; one from wrong passwords lasts 15 minutes.
        var blocked = false;
        if (result.IsLockedOut && await signIn.UserManager.FindByNameAsync(userName) is { } user)
            blocked = await signIn.UserManager.GetLockoutEndDateAsync(user) is { } end && end > DateTimeOffset.UtcNow.AddDays(1);

        // No user name in the log: it is often a person's e-mail address (the audit log records who).
        log.LogWarning("Failed sign-in (locked out: {LockedOut})", result.IsLockedOut);
        await audit.WriteAsync(AuditAction.SignInFailed, userName, userName,
            blocked ? "kontoen er spærret" : result.IsLockedOut ? "kontoen er låst efter for mange forkerte forsøg" : "forkert brugernavn eller adgangskode",
            ct: ct);
        Error = blocked
            ? "Kontoen er spærret. Kontakt en administrator, hvis du skal bruge den."
            : result.IsLockedOut
                ? "Kontoen er låst i 15 minutter efter for mange forkerte forsøg. Prøv igen senere, eller kontakt en administrator."
                : "Brugernavnet eller adgangskoden er forkert.";
        return Page();
    }
}
