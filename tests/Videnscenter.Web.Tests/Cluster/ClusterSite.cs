using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Videnscenter.Content;
using Videnscenter.Content.Tests.Harness;
using Videnscenter.Web.Hosting;
using Videnscenter.Web.Mail;
using Videnscenter.Web.Recoveryskolen;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Cluster;

/// <summary>
/// A test that needs the throwaway PostgreSQL of ./test.sh. Outside CI a missing server skips it with
/// the reason; in CI (CI=true) it runs and fails, since there a missing server is a broken set-up.
/// </summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable) is null && Environment.GetEnvironmentVariable("CI") is null)
            Skip = $"{TestDatabase.PostgresVariable} er ikke sat: kør ./test.sh, der starter en PostgreSQL.";
    }
}

/// <summary>Helpers for talking to the nodes of a cluster like browsers, and to their shared database like the site.</summary>
public static class ClusterSite
{
    /// <summary>A client for one node; clients sharing a cookie jar share a sign-in (cookies ignore the port).</summary>
    public static HttpClient Client(SiteProcess node, CookieContainer? jar = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = jar ?? new CookieContainer() })
        {
            BaseAddress = node.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public static async Task SignInAsync(HttpClient client)
    {
        var form = await client.GetStringAsync("/konto/log-ind");
        var response = await client.PostAsync("/konto/log-ind", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "admin",
            ["Password"] = SiteProcess.AdminPassword,
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Titles of the hits an anonymous reader gets from the JSON search API.</summary>
    public static async Task<List<string>> SearchTitlesAsync(HttpClient client, string query)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/search?q={Uri.EscapeDataString(query)}"));
        return [.. json.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("title").GetString()!)];
    }

    /// <summary>The site's own services on the shared database (for what a test sets up or checks directly).</summary>
    public static ServiceProvider Services(string connectionString)
    {
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddContentEngine(connectionString)
            .AddRecoveryskolen(connectionString)
            .AddMail(new ConfigurationBuilder().Build(), connectionString);
        // Sign-up mails carry absolute links and protected tokens; what a test sets up here sends none,
        // but the services must be complete. This process serves nothing, so it has no HTTP server.
        services.AddDataProtection();
        services.AddSingleton(new SiteOptions
        {
            DataPath = Path.GetTempPath(),
            ConnectionString = connectionString,
            RecipePath = "",
            PublicUrl = "http://127.0.0.1",
        });
        services.AddSingleton<IServer, NoHttpServer>();
        services.AddSingleton<PublicAddress>();
        return services.BuildServiceProvider();
    }

    private sealed class NoHttpServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();
        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken ct) where TContext : notnull => Task.CompletedTask;
        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
        public void Dispose() { }
    }
}
