using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Videnscenter.Web.Hosting;

/// <summary>
/// The address the public reaches the site at, for absolute links that leave the page: the PDF
/// catalogue, schema.org JSON-LD, calendar files, receipts and mails. It is
/// <c>Videnscenter:PublicUrl</c> when configured, otherwise the first address the server listens on;
/// never the request's Host header, which anyone can set (a link in a PDF must not point to
/// evil.example because one request said so).
/// </summary>
public sealed class PublicAddress(SiteOptions site, IServer server)
{
    private string? _fromServer;

    /// <summary>Scheme, host and port without a trailing slash, e.g. <c>https://videnscenter.randers.dk</c>.</summary>
    public string BaseUrl => site.PublicUrl ?? (_fromServer ??= FirstListeningAddress());

    private string FirstListeningAddress()
    {
        var first = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (first is null) return "http://localhost";
        // Kestrel reports wildcards as written in --urls ("http://+:80", "http://*:80", "http://[::]:80").
        var uri = new Uri(first.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost"));
        return uri.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>A configured public URL, checked at start-up: absolute http(s), no path, query or fragment.</summary>
    public static string? Parse(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured)) return null;
        if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new InvalidOperationException(
                $"Videnscenter:PublicUrl «{configured}» skal være en adresse som https://videnscenter.randers.dk (uden sti).");
        return uri.GetLeftPart(UriPartial.Authority);
    }
}

public static class PublicAddressExtensions
{
    /// <summary>The site's public address (see <see cref="PublicAddress"/>) for absolute links in this answer.</summary>
    public static string PublicBaseUrl(this HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<PublicAddress>().BaseUrl;
}
