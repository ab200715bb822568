using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Videnscenter.Content;
using Videnscenter.Web.Mail;

namespace Videnscenter.Web.Accounts.PasswordReset;

/// <summary>
/// /konto/glemt-adgangskode: asks for the e-mail (or user name) and mails a reset link. The answer
/// is the same whether or not there is such an account, so the form cannot be used to find out
/// who has one.
/// </summary>
[EnableRateLimiting(PasswordResetFeature.RateLimit)]
public sealed class ForgotModel(UserManager<IdentityUser> users, IdentityStoreDbContext db, MailOutbox outbox, ILogger<ForgotModel> log) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Skriv din e-mail eller dit brugernavn."), StringLength(256, ErrorMessage = "Det er for langt til at være en e-mail eller et brugernavn."),
     Display(Name = "E-mail eller brugernavn")]
    public string Login { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var login = Login.Trim();
        var user = login.Contains('@') ? await users.FindByEmailAsync(login) : await users.FindByNameAsync(login);
        if (user?.Email is { Length: > 0 } email && !await users.IsLockedOutAsync(user))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            await outbox.EnqueueAsync(db, new MailRequest(email, user.UserName, MailKinds.PasswordReset, new Dictionary<string, string>
            {
                ["navn"] = user.UserName ?? "",
                ["link"] = outbox.Link(PasswordResetFeature.LinkPath(user.Id, token)),
                ["timer"] = ((int)PasswordResetFeature.Lifetime.TotalHours).ToString(Danish.Culture),
            }), ct);
            log.LogInformation("Password reset link mailed for user {UserId}", user.Id);
        }
        Sent = true;
        return Page();
    }
}
