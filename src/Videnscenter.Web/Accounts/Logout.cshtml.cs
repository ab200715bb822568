using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Videnscenter.Web.Accounts;

public sealed class LogoutModel(SignInManager<IdentityUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    /// <summary>
    /// Ends the session on the server, not just in this browser: a new security stamp makes every
    /// cookie issued before it worthless at its next request (see <see cref="AccountSecurity.ValidateSessionAsync"/>),
    /// including a copy someone took. The user's sessions on other devices end too.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
