using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Theme.Display;

namespace Videnscenter.Web.Discovery;

/// <summary>robots.txt and sitemap.xml: what search engines may visit, and the public pages.</summary>
public static class SiteMapEndpoints
{
    private static readonly XNamespace Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>Crawlers stay out of the admin, accounts, search results and the API (endless, personal or both).</summary>
    public static IResult RobotsAsync(HttpRequest request)
    {
        var text = new StringBuilder()
            .Append("User-agent: *\n")
            .Append("Disallow: /admin\n")
            .Append("Disallow: /konto\n")
            .Append("Disallow: /soeg\n")
            .Append("Disallow: /api/\n")
            .Append(CultureInfo.InvariantCulture, $"Sitemap: {BaseUrl(request)}/sitemap.xml\n")
            .ToString();
        return Results.Text(text, "text/plain; charset=utf-8");
    }

    /// <summary>
    /// The front page, each section and every published public item; nothing a signed-out reader
    /// cannot see, whoever asks (the sitemap is for the public, so the reader's own access does not count).
    /// </summary>
    public static async Task<IResult> SiteMapAsync(HttpRequest request, ContentStore store, SchemaStore schemaStore, CancellationToken ct)
    {
        var schema = await schemaStore.GetAsync(ct);
        var items = await store.ListPublishedAsync(null, Audience.Offentlig, ct);
        var baseUrl = BaseUrl(request);

        XElement Url(string path, DateTime? modified) => new(Ns + "url",
            new XElement(Ns + "loc", baseUrl + path),
            modified is { } m ? new XElement(Ns + "lastmod", m.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null);

        var urls = new List<XElement> { Url("/", null) };
        foreach (var type in schema.Types.Where(t => t.Routable && items.Any(i => i.Type == t.Name)).OrderBy(t => t.MenuOrder))
            urls.Add(Url(ContentUrls.Section(type), null));
        foreach (var item in items.Where(i => schema.Type(i.Type) is { Routable: true }).OrderBy(i => i.Type, StringComparer.Ordinal).ThenBy(i => i.Slug, StringComparer.Ordinal))
            urls.Add(Url(ContentUrls.Of(schema, item), item.ModifiedUtc));

        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement(Ns + "urlset", urls));
        return Results.Text(document.Declaration + "\n" + document.Root, "application/xml; charset=utf-8");
    }

    /// <summary>Browsers ask for /favicon.ico whatever the page says; the theme holds the file.</summary>
    public static IResult Favicon(IWebHostEnvironment environment)
    {
        var file = environment.WebRootFileProvider.GetFileInfo("_content/Videnscenter.Theme/favicon.ico");
        return file.Exists ? Results.Stream(file.CreateReadStream(), "image/x-icon") : Results.NotFound();
    }
}
