using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Videnscenter.Content;

namespace Videnscenter.Web.Hosting;

/// <summary>
/// What every request needs whatever the feature: site options, the content engine, data
/// protection keys, Razor Pages found anywhere in the project, Danish culture, security headers,
/// error pages and the middleware order.
/// </summary>
public static class HostingFeature
{
    public static SiteOptions AddHosting(this WebApplicationBuilder builder)
    {
        var site = SiteOptions.From(builder.Configuration, builder.Environment);
        var services = builder.Services;
        services.AddSingleton(site);
        services.AddSingleton<PublicAddress>();
        // Static assets of the theme (a Razor class library) are copied to wwwroot by `dotnet publish`;
        // when the build output is run directly (any environment), they are found through the build's
        // static web assets manifest instead. Where there is no manifest (published output) this does nothing.
        builder.WebHost.UseStaticWebAssets();
        services.AddContentEngine(site.ConnectionString);
        services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(site.DataPath, "keys")))
            .SetApplicationName("Videnscenter");
        // Pages live in their feature's folder; each declares its absolute route with @page.
        services.AddRazorPages(o => o.RootDirectory = "/");
        // Pages are Danish: æ, ø and å (and every other letter) are written as UTF-8 text, not as
        // numeric entities, as the snippets, mails and JSON-LD already are. Only HTML's own special
        // characters are escaped; the page is served as UTF-8.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // Features add their own policies to these options.
        services.AddRateLimiter(RateLimits.ConfigureRejection);
        services.AddForwardedHeadersFromConfiguredProxies(builder.Configuration);
        // A query value that does not bind (/medier/x.png?w=abc) is the caller's error: 400 and the
        // Danish page in every environment, never an exception page.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddHealthChecks();
        return site;
    }

    /// <summary>The middleware, in order.</summary>
    public static WebApplication UseHosting(this WebApplication app)
    {
        // First, so a trusted reverse proxy's X-Forwarded-Proto: https makes the request HTTPS for all that follows.
        app.UseForwardedHeadersFromConfiguredProxies(app.Configuration);
        var danish = CultureInfo.GetCultureInfo("da-DK");
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(danish),
            SupportedCultures = [danish],
            SupportedUICultures = [danish],
        });
        // The developer exception page (added by the framework in Development) is for a developer on
        // this machine only: everyone else, in every environment, gets the Danish error page.
        var development = app.Environment.IsDevelopment();
        app.UseWhen(context => !(development && IsLocal(context)), branch => branch.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/fejl/500",
            // A malformed request (bad form body, too large, unreadable) is the caller's error: 400, not 500.
            // A multipart body the form reader cannot parse (a part without headers) throws InvalidDataException.
            StatusCodeSelector = e => e switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                InvalidDataException => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status500InternalServerError,
            },
        }));
        if (!development)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/fejl/{0}");
        app.UseRouting();
        app.UseAuthentication();
        // After authentication: signed-in users are limited by account, anonymous ones by address.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UsePrivateAnswersForSignedInUsers();
        return app;
    }

    /// <summary>A request from this machine itself (no forwarding proxy in between).</summary>
    private static bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);

    /// <summary>
    /// What a signed-in user gets depends on who they are (internal hits, their name in the header):
    /// no cache, shared or private, may keep it unless the answer says otherwise itself (files with
    /// their own rules, static assets).
    /// </summary>
    private static void UsePrivateAnswersForSignedInUsers(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true)
            context.Response.OnStarting(() =>
            {
                // Empty, or the cookie handler's "no-cache,no-store" from renewing the session cookie.
                var current = context.Response.Headers.CacheControl.ToString();
                if (current.Length == 0 || current.Replace(" ", "") == "no-cache,no-store")
                    context.Response.Headers.CacheControl = "private, no-store";
                return Task.CompletedTask;
            });
        return next(context);
    });

    public static WebApplication MapHosting(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapHealthChecks("/health");
        return app;
    }
}
