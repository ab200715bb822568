namespace Videnscenter.Web.Discovery;

/// <summary>
/// How the site is found and followed: robots.txt, sitemap.xml, the Atom feeds, the favicon, and
/// addresses that answer in any letter case (redirected to the lower-case address).
/// </summary>
public static class DiscoveryFeature
{
    public static WebApplication MapDiscovery(this WebApplication app)
    {
        // Middleware added here runs after routing but before any endpoint, so it sees every request.
        app.UseMiddleware<LowerCaseUrls>();
        app.MapGet("/robots.txt", SiteMapEndpoints.RobotsAsync);
        app.MapGet("/sitemap.xml", SiteMapEndpoints.SiteMapAsync);
        app.MapGet("/feeds/metoder.atom", AtomFeeds.MethodsAsync);
        app.MapGet("/feeds/begivenheder.atom", AtomFeeds.EventsAsync);
        app.MapGet("/favicon.ico", SiteMapEndpoints.Favicon);
        return app;
    }
}
