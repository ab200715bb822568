using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Videnscenter.Web.Hosting;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are honoured only from the reverse proxies named in
/// <c>Videnscenter:KnownProxies</c> (comma-separated IP addresses; none by default, not even
/// loopback): from anyone else they are ignored, so a caller cannot pick the address the rate
/// limits and the audit log see, nor pretend to be on HTTPS.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string KnownProxiesKey = "Videnscenter:KnownProxies";

    /// <summary>
    /// The forwarded-headers middleware, only when proxies are configured: with empty lists it would
    /// trust every caller, not none.
    /// </summary>
    public static IApplicationBuilder UseForwardedHeadersFromConfiguredProxies(this IApplicationBuilder app, IConfiguration config) =>
        Proxies(config).Count > 0 ? app.UseForwardedHeaders() : app;

    public static IServiceCollection AddForwardedHeadersFromConfiguredProxies(this IServiceCollection services, IConfiguration config)
    {
        var proxies = Proxies(config);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; we trust only what the configuration names.
            o.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list is still consulted by the middleware: empty it too
            o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            o.KnownProxies.Clear();
            foreach (var ip in proxies)
            {
                o.KnownProxies.Add(ip);
                // A proxy configured as 127.0.0.1 may reach us as ::ffff:127.0.0.1 on a dual-stack socket.
                if (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) o.KnownProxies.Add(ip.MapToIPv6());
            }
        });
        return services;
    }

    private static List<IPAddress> Proxies(IConfiguration config)
    {
        var proxies = new List<IPAddress>();
        foreach (var address in (config[KnownProxiesKey] ?? "")
                     .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            proxies.Add(IPAddress.TryParse(address, out var ip)
                ? ip
                : throw new InvalidOperationException($"{KnownProxiesKey}: «{address}» er ikke en IP-adresse."));
        return proxies;
    }
}
