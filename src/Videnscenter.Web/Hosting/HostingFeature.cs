using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
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
        services.AddContentEngine(site.ConnectionString);
        services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(site.DataPath, "keys")))
            .SetApplicationName("Videnscenter");
        // Pages live in their feature's folder; each declares its absolute route with @page.
        services.AddRazorPages(o => o.RootDirectory = "/");
        // Features add their own policies to these options.
        services.AddRateLimiter(o => o.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        services.AddHealthChecks();
        return site;
    }

    /// <summary>The middleware, in order.</summary>
    public static WebApplication UseHosting(this WebApplication app)
    {
        // First, so a trusted reverse proxy's X-Forwarded-Proto: https makes the request HTTPS for all that follows.
        app.UseForwardedHeaders();
        var danish = CultureInfo.GetCultureInfo("da-DK");
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(danish),
            SupportedCultures = [danish],
            SupportedUICultures = [danish],
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/fejl/500");
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/fejl/{0}");
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapHosting(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapHealthChecks("/health");
        return app;
    }
}
