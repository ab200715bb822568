using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content.Items;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Hosting;

/// <summary>
/// The real site (see <see cref="SiteFactory"/>) for tests that make many requests: every request
/// comes from its own client address, so the per-address rate limits of sign-in and search never
/// refuse the tests' own traffic (the limits themselves are tested in Identity/SignInTests).
/// Subclasses may run the site in another environment.
/// </summary>
public class SecuritySite : IDisposable
{
    private readonly SiteFactory _root = new();

    public SecuritySite() : this("Development", null) { }

    /// <param name="environment">The hosting environment.</param>
    /// <param name="clientAddress">One address for every request (e.g. a reverse proxy's), or null for a new one per request.</param>
    protected SecuritySite(string environment, IPAddress? clientAddress, IReadOnlyDictionary<string, string>? settings = null)
    {
        App = _root.WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) b.UseSetting(key, value);
            // Where HTTPS redirection sends plain HTTP (the TestServer listens on no HTTPS port of its own).
            b.UseSetting("https_port", "443");
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new ClientAddresses(clientAddress)));
        });
    }

    public WebApplicationFactory<Program> App { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public HttpClient Client(string baseAddress = "http://localhost") => App.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri(baseAddress),
    });

    /// <summary>A client signed in through the real login form.</summary>
    public async Task<HttpClient> SignedInAsync(string userName = "admin", string password = SiteFactory.AdminPassword,
        string baseAddress = "http://localhost")
    {
        var client = Client(baseAddress);
        var response = await SignInAsync(client, userName, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Log ind som {userName} gav {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/konto/log-ind");
        return await client.PostAsync("/konto/log-ind", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(form),
        }));
    }

    /// <summary>Posts a form found on a page, with the page's antiforgery token and the given fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string action, IDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(pageUrl);
        var content = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", SiteFactory.AntiforgeryToken(page)) };
        return await client.PostAsync(action, new FormUrlEncodedContent(content));
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> WithStoreAsync<T>(Func<ContentStore, Task<T>> work) =>
        InScopeAsync(sp => work(sp.GetRequiredService<ContentStore>()));

    /// <summary>Creates a user with roles directly in the store (the user admin pages have their own tests).</summary>
    public Task<IdentityUser> CreateUserAsync(string userName, string password, params string[] roles) => InScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser(userName) { LockoutEnabled = true };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        if (roles.Length > 0) Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        return user;
    });

    public void Dispose()
    {
        _root.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A test's request may name the address its TCP connection would come from (e.g. 127.0.0.1).</summary>
    public const string TestAddressHeader = "X-Test-Connection-Address";

    /// <summary>Sets the client address of every request (a fixed one, or a new one each time), ahead of the site's own middleware.</summary>
    private sealed class ClientAddresses(IPAddress? fixedAddress) : IStartupFilter
    {
        private int _next;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                var n = Interlocked.Increment(ref _next);
                context.Connection.RemoteIpAddress =
                    context.Request.Headers.TryGetValue(TestAddressHeader, out var given) && IPAddress.TryParse(given, out var address) ? address
                    : fixedAddress ?? new IPAddress([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
                return following(context);
            });
            next(app);
        };
    }
}

/// <summary>
/// The site as it runs in production (HSTS, HTTPS redirection, the exception page), behind a reverse
/// proxy on the same machine: every request comes from 127.0.0.1, configured as the proxy the site
/// trusts, and the host names are the ones production configuration allows.
/// </summary>
public sealed class ProductionSite() : SecuritySite("Production", IPAddress.Loopback, new Dictionary<string, string>
{
    ["Videnscenter:KnownProxies"] = "127.0.0.1",
    ["AllowedHosts"] = "videnscenter.randers.dk",
    ["Videnscenter:PublicUrl"] = "https://videnscenter.randers.dk",
});

/// <summary>
/// One shared development site for the smaller security and identity test classes: a site start
/// (recipe, seed, media, search index) is the slow part, so they share one and use unique names.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedSiteCollection : ICollectionFixture<SecuritySite>
{
    public const string Name = "Delt sikkerhedssite";
}

/// <summary>The production site, shared by the header tests and the rate-limit test.</summary>
[CollectionDefinition(Name)]
public sealed class ProductionSiteCollection : ICollectionFixture<ProductionSite>
{
    public const string Name = "Produktionssite";
}
