using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Videnscenter.Web.Pages.Account;

[EnableRateLimiting("sign-in")]
public sealed class LoginModel(SignInManager<IdentityUser> signIn, ILogger<LoginModel> log) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Skriv dit brugernavn."), Display(Name = "Brugernavn")]
    public string UserName { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Skriv din adgangskode."), DataType(DataType.Password), Display(Name = "Adgangskode")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");

        log.LogWarning("Failed sign-in for {UserName} (locked out: {LockedOut})", UserName, result.IsLockedOut);
        Error = result.IsLockedOut
            ? "Kontoen er låst i 15 minutter efter for mange forkerte forsøg. Prøv igen senere, eller kontakt en administrator."
            : "Brugernavnet eller adgangskoden er forkert.";
        return Page();
    }
}
