using System.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Videnscenter.Web.Accounts.SingleSignOn;

/// <summary>
/// <c>Authentication:OpenIdConnect</c>: the municipality's identity provider. Sign-on is on when
/// <see cref="Authority"/> and <see cref="ClientId"/> are set.
/// </summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "Authentication:OpenIdConnect";

    /// <summary>The provider's address, e.g. https://login.microsoftonline.com/&lt;tenant&gt;/v2.0.</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>The claim in the ID token that lists the user's groups ("groups" at Entra ID and most providers).</summary>
    public string GroupClaim { get; set; } = "groups";

    /// <summary>Group claim value → role, e.g. "b6f1…" → "Redaktør". Several groups may give the same role.</summary>
    public Dictionary<string, string> GroupRoles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Scopes asked for besides openid (the provider must then put e-mail and name in the ID token).</summary>
    public List<string> Scopes { get; set; } = ["profile", "email"];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>The roles the user's groups give, and those the groups manage at all (the values of the map).</summary>
    public IReadOnlyList<string> RolesFor(IEnumerable<string> groups) =>
        groups.Select(g => GroupRoles.GetValueOrDefault(g)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public IReadOnlySet<string> ManagedRoles => GroupRoles.Values.ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// "Log ind med din arbejdskonto": OpenID Connect (authorization code with PKCE) against the
/// municipality's identity provider, next to the local accounts, which keep working. The first
/// sign-in creates the local user; every sign-in sets the roles from the user's groups.
/// </summary>
public static class SingleSignOnFeature
{
    public const string Scheme = "arbejdskonto";
    public const string DisplayName = "Arbejdskonto";

    public static IServiceCollection AddSingleSignOn(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        services.AddSingleton(options);
        if (!options.Enabled) return services;

        var authority = new Uri(options.Authority!, UriKind.Absolute);
        var loopback = authority.IsLoopback || (IPAddress.TryParse(authority.Host, out var ip) && IPAddress.IsLoopback(ip));
        if (authority.Scheme != Uri.UriSchemeHttps && !loopback)
            throw new InvalidOperationException($"{SingleSignOnOptions.Section}:Authority skal være en https-adresse (http kun på 127.0.0.1 til test).");

        services.AddAuthentication().AddOpenIdConnect(Scheme, DisplayName, o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Authority = options.Authority;
            o.ClientId = options.ClientId;
            o.ClientSecret = string.IsNullOrEmpty(options.ClientSecret) ? null : options.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // The code comes back in the query of a top-level GET, so the correlation and nonce
            // cookies can stay SameSite=Lax (form_post would need SameSite=None, i.e. HTTPS everywhere).
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.RequireHttpsMetadata = !loopback;
            o.CallbackPath = "/konto/arbejdskonto/retur";
            // Keep the provider's claim names ("sub", "groups", "email"): we read them ourselves.
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.Scope.Clear();
            o.Scope.Add("openid");
            foreach (var scope in options.Scopes) o.Scope.Add(scope);
            // A refused or failed sign-in at the provider ends on our page with a Danish message.
            o.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/konto/arbejdskonto?fejl=1");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
        return services;
    }
}
