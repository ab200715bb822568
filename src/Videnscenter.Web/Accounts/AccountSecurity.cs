using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;

namespace Videnscenter.Web.Accounts;

/// <summary>
/// Sign-in and transport settings beyond the Identity defaults set in Program.cs: Danish letters in
/// user names, quick effect of lock-outs and role changes on signed-in sessions, and HTTPS behind a
/// reverse proxy (the proxy's X-Forwarded-Proto makes the request HTTPS, so cookies get Secure and
/// responses get HSTS).
/// </summary>
public static class AccountSecurity
{
    /// <summary>How soon a lock-out, role change or password reset reaches a user who is signed in.</summary>
    public static readonly TimeSpan SessionRecheck = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddAccountSecurity(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<IdentityOptions>(o =>
            o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ0123456789-._@+");
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = SessionRecheck);
        services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        // Only proxies we trust may say the request came over HTTPS: loopback by default (a proxy on
        // the same machine), more with Videnscenter:KnownProxies (comma-separated IP addresses).
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in (config["Videnscenter:KnownProxies"] ?? "")
                         .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (IPAddress.TryParse(address, out var ip)) o.KnownProxies.Add(ip);
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
        return services;
    }
}
