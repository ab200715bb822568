using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Videnscenter.Web.Accounts;

/// <summary>
/// Sign-in settings beyond the Identity defaults set in AccountsFeature: Danish letters in user
/// names, sessions that end on the server, and HSTS (sent only over HTTPS, which behind a reverse
/// proxy means the configured proxy said X-Forwarded-Proto: https; see Hosting/ForwardedHeadersSetup).
/// </summary>
public static class AccountSecurity
{
    /// <summary>
    /// How soon a log-out, lock-out, role change or password reset reaches a session cookie: at once.
    /// The cookie carries the user's security stamp and every request compares it with the database
    /// (one primary-key read), so changing the stamp ends every session of that user, on every node
    /// sharing the database. A copied cookie is worthless after its owner logged out.
    /// </summary>
    public static readonly TimeSpan SessionRecheck = TimeSpan.Zero;

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
