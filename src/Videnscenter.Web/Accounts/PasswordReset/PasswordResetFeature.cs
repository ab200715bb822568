using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;

namespace Videnscenter.Web.Accounts.PasswordReset;

/// <summary>
/// "Glemt adgangskode": a reset link by mail that expires after <see cref="Lifetime"/> and works
/// once (Identity's token is bound to the user's security stamp, which the reset changes).
/// </summary>
public static class PasswordResetFeature
{
    public const string RateLimit = "password-reset";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(3);

    public static IServiceCollection AddPasswordReset(this IServiceCollection services)
    {
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = Lifetime);
        // Asking for links: 5 per address in 15 minutes, so the form cannot be used to flood an inbox.
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(RateLimit, ctx => HttpMethods.IsPost(ctx.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "ukendt",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 5, Window = TimeSpan.FromMinutes(15) })
            : RateLimitPartition.GetNoLimiter("read")));
        return services;
    }

    /// <summary>The link in the mail: the user's id and the token, base64url so it survives every mail client.</summary>
    public static string LinkPath(string userId, string token) =>
        $"/konto/ny-adgangskode?bruger={Uri.EscapeDataString(userId)}&kode={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token))}";

    /// <summary>
    /// The user and the token of a mailed link (reset or invitation), if the link still works:
    /// checked without using it up. Null for an unknown user, a malformed, used or expired token.
    /// </summary>
    public static async Task<(IdentityUser User, string Token)?> VerifyLinkAsync(UserManager<IdentityUser> users, string? userId, string? code,
        string tokenProvider, string purpose)
    {
        var token = DecodeToken(code);
        if (token is null || string.IsNullOrEmpty(userId) || userId.Length > 100) return null;
        var user = await users.FindByIdAsync(userId);
        if (user is null) return null;
        return await users.VerifyUserTokenAsync(user, tokenProvider, purpose, token) ? (user, token) : null;
    }

    public static string? DecodeToken(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 2000) return null;
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }
}
