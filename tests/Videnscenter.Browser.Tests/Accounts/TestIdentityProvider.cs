using System.Collections.Immutable;
using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Videnscenter.Browser.Tests.Accounts;

/// <summary>
/// A real OpenID Connect provider on 127.0.0.1 for the single sign-on tests: OpenIddict's server
/// (authorization code with PKCE, a confidential client, ephemeral keys) with its EF stores on an
/// in-memory SQLite database, and a plain log-in form with two municipal employees.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public sealed record Employee(string Subject, string UserName, string Password, string Name, string Email, string[] Groups);

    /// <summary>In the editors' group (→ Redaktør) and the staff group (→ Medarbejder).</summary>
    public static readonly Employee Editor = new("a1f3-mette", "mette.sso@randers.test", "Mette-Arbejde-2026", "Mette Sørensen",
        "mette.sso@randers.test", ["vc-redaktoerer", "vc-medarbejdere", "alle-ansatte"]);

    /// <summary>Only in groups the site does not know: signed in, but no role.</summary>
    public static readonly Employee Outsider = new("b7c9-ole", "ole.sso@randers.test", "Ole-Arbejde-2026", "Ole Kantine",
        "ole.sso@randers.test", ["kantinen", "alle-ansatte"]);

    public const string ClientId = "videnscenter";
    public string ClientSecret { get; } = "test-" + Guid.NewGuid().ToString("N");
    public string Authority { get; }

    private readonly WebApplication _app;
    private readonly SqliteConnection _connection;

    private TestIdentityProvider(WebApplication app, SqliteConnection connection, string authority)
    {
        _app = app;
        _connection = connection;
        Authority = authority;
    }

    public static async Task<TestIdentityProvider> StartAsync(string siteBaseUrl)
    {
        var authority = $"http://127.0.0.1:{SiteFixture.FreePort()}/";
        // The in-memory database lives as long as this one connection is open.
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseUrls(authority);
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<ProviderDbContext>(o =>
        {
            o.UseSqlite(connection);
            o.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.RegisterScopes(Scopes.Email, Scopes.Profile);
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)AuthorizeAsync);

        var provider = new TestIdentityProvider(app, connection, authority);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDbContext>().Database.EnsureCreatedAsync();
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = ClientId,
                ClientSecret = provider.ClientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = "Videnscenter",
                RedirectUris = { new Uri(siteBaseUrl.TrimEnd('/') + "/konto/arbejdskonto/retur") },
                Permissions =
                {
                    Permissions.Endpoints.Authorization,
                    Permissions.Endpoints.Token,
                    Permissions.GrantTypes.AuthorizationCode,
                    Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Email,
                    Permissions.Scopes.Profile,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            });
        }
        await app.StartAsync();
        return provider;
    }

    /// <summary>
    /// The authorization endpoint (OpenIddict has checked the request): the log-in form, then the
    /// employee's claims, groups included, into the ID token.
    /// </summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Ingen OpenID Connect-forespørgsel.");
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        var employee = new[] { Editor, Outsider }.FirstOrDefault(e =>
            e.UserName == form?["brugernavn"].ToString() && e.Password == form?["adgangskode"].ToString());
        if (employee is null) return Results.Content(LogInPage(request, wrong: form is not null), "text/html; charset=utf-8");

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, employee.Subject)
            .SetClaim(Claims.Name, employee.Name)
            .SetClaim(Claims.PreferredUsername, employee.UserName)
            .SetClaim(Claims.Email, employee.Email)
            .SetClaims("groups", [.. employee.Groups]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The provider's own log-in page; it posts the authorization request back with the credentials.</summary>
    private static string LogInPage(OpenIddictRequest request, bool wrong)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\"><title>Randers Kommune – log ind</title></head><body>")
            .Append("<h1>Randers Kommune</h1>");
        if (wrong) html.Append("<p role=\"alert\">Forkert brugernavn eller adgangskode.</p>");
        html.Append("<form method=\"post\" action=\"/connect/authorize\">");
        foreach (var (name, value) in request.GetParameters())
            html.Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(name)).Append("\" value=\"")
                .Append(WebUtility.HtmlEncode((string?)value)).Append("\">");
        html.Append("<label for=\"brugernavn\">Arbejdsmail</label><input id=\"brugernavn\" name=\"brugernavn\">")
            .Append("<label for=\"adgangskode\">Adgangskode</label><input id=\"adgangskode\" name=\"adgangskode\" type=\"password\">")
            .Append("<button type=\"submit\">Log ind hos kommunen</button></form></body></html>");
        return html.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options);
}

/// <summary>The site started with single sign-on against a <see cref="TestIdentityProvider"/> it trusts.</summary>
public sealed class SingleSignOnSiteFixture : SiteFixture
{
    public TestIdentityProvider Provider { get; private set; } = null!;

    protected override async Task BeforeSiteStartsAsync(IDictionary<string, string?> environment)
    {
        Provider = await TestIdentityProvider.StartAsync(BaseUrl);
        environment["Authentication__OpenIdConnect__Authority"] = Provider.Authority;
        environment["Authentication__OpenIdConnect__ClientId"] = TestIdentityProvider.ClientId;
        environment["Authentication__OpenIdConnect__ClientSecret"] = Provider.ClientSecret;
        environment["Authentication__OpenIdConnect__GroupRoles__vc-redaktoerer"] = "Redaktør";
        environment["Authentication__OpenIdConnect__GroupRoles__vc-medarbejdere"] = "Medarbejder";
    }

    protected override async ValueTask AfterSiteStoppedAsync()
    {
        if (Provider is not null) await Provider.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SingleSignOnCollection : ICollectionFixture<SingleSignOnSiteFixture>
{
    public const string Name = "Site with single sign-on";
}
