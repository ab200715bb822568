using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Videnscenter.Web.Accounts;

/// <summary>
/// Sign-in settings beyond the Identity defaults set in AccountsFeature: Danish letters in user
/// names, sessions that end on the server, and HSTS (sent only over HTTPS, which behind a reverse
/// proxy means the configured proxy said X-Forwarded-Proto: https; see Hosting/ForwardedHeadersSetup).
/// </summary>
public static class AccountSecurity
{
    /// <summary>How soon a role change reaches a signed-in user (Identity's validator rebuilds the claims and renews the cookie).</summary>
    public static readonly TimeSpan SessionRecheck = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Every request of a signed-in user: the security stamp in the cookie must still be the user's
    /// stamp in the database (one primary-key read), so a log-out, lock, password change or reset,
    /// which all change the stamp, ends every session of that user at once, on every node sharing
    /// the database: a copied cookie is worthless after its owner logged out. Then Identity's own
    /// validator, which refreshes roles at <see cref="SessionRecheck"/>.
    /// </summary>
    public static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claimTypes = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var users = services.GetRequiredService<UserManager<IdentityUser>>();
        var id = context.Principal?.FindFirstValue(claimTypes.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claimTypes.SecurityStampClaimType);
        var user = id is null ? null : await users.FindByIdAsync(id);
        if (user is null || stamp is null || !string.Equals(user.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    public static IServiceCollection AddAccountSecurity(this IServiceCollection services)
    {
        services.Configure<IdentityOptions>(o =>
            o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ0123456789-._@+");
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = SessionRecheck);
        services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
        return services;
    }
}
