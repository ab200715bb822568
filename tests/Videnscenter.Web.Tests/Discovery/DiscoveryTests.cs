using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Videnscenter.Content;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Discovery;

/// <summary>robots.txt, sitemap.xml, Atom feeds, favicon and letter-case redirects, on the real seeded site.</summary>
public sealed class DiscoveryTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public async Task The_sitemap_lists_exactly_the_published_public_items_besides_the_front_page_and_sections()
    {
        var response = await site.Anonymous().GetAsync("/sitemap.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.Root!.Elements(Sitemap + "url").Select(u => new Uri(u.Element(Sitemap + "loc")!.Value).AbsolutePath).ToList();
        Assert.Equal(paths.Count, paths.Distinct().Count());

        var items = await site.WithStoreAsync(s => s.ListPublishedAsync(null, Audience.Offentlig));
        var sections = new Dictionary<string, string>
        {
            ["Method"] = "metoder", ["Course"] = "kurser", ["Event"] = "begivenheder",
            ["CompetenceProfile"] = "kompetenceprofiler", ["Partner"] = "samarbejdspartnere", ["SlideDeck"] = "slides", ["Page"] = "sider"
        };
        var expected = items.Select(i => $"/{sections[i.Type]}/{i.Slug}").ToHashSet();
        Assert.Equal(expected.Order(), paths.Where(p => p.Count(c => c == '/') == 2).Order());

        // Nothing internal: the staff-only method and the profiles (staff only) are not there, even for a signed-in reader.
        var admin = await site.SignedInAsync();
        var signedIn = await admin.GetStringAsync("/sitemap.xml");
        Assert.DoesNotContain("/metoder/faelles-team-for-psykisk-saarbarhed-og-rusmidler-intern-arbejdsgang", signedIn);
        Assert.DoesNotContain("/kompetenceprofiler/", signedIn);
        Assert.Contains("/metoder/motiverende-interview", signedIn);
        Assert.Contains("/sider/tilgaengelighedserklaering", signedIn);
    }

    [Fact]
    public async Task Robots_txt_keeps_crawlers_out_of_admin_accounts_and_search_and_names_the_sitemap()
    {
        var response = await site.Anonymous().GetAsync("/robots.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("User-agent: *", lines[0]);
        Assert.Contains("Disallow: /admin", lines);
        Assert.Contains("Disallow: /konto", lines);
        Assert.Contains("Disallow: /soeg", lines);
        Assert.Contains(lines, l => l.StartsWith("Sitemap: http") && l.EndsWith("/sitemap.xml"));
    }

    private static SyndicationFeed ReadAtom(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader), "Feedet er ikke Atom 1.0.");
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    [Fact]
    public async Task The_methods_feed_is_valid_Atom_and_holds_only_what_the_reader_may_see()
    {
        var response = await site.Anonymous().GetAsync("/feeds/metoder.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var xml = await response.Content.ReadAsStringAsync();
        var feed = ReadAtom(xml);
        // What a validator requires of a feed: id, title, updated, an author, and per entry id, title, updated, link.
        var root = XDocument.Parse(xml).Root!;
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(atom + "feed", root.Name);
        Assert.NotNull(root.Element(atom + "id"));
        Assert.NotNull(root.Element(atom + "updated"));
        Assert.NotNull(root.Element(atom + "author")?.Element(atom + "name"));
        Assert.Contains(root.Elements(atom + "link"), l => (string?)l.Attribute("rel") == "self");
        Assert.All(root.Elements(atom + "entry"), e =>
        {
            Assert.NotNull(e.Element(atom + "id"));
            Assert.NotNull(e.Element(atom + "updated"));
            Assert.False(string.IsNullOrWhiteSpace(e.Element(atom + "title")?.Value));
        });

        var publicMethods = await site.WithStoreAsync(s => s.ListPublishedAsync("Method", Audience.Offentlig));
        Assert.Equal(publicMethods.Select(m => m.Title).Order(), feed.Items.Select(i => i.Title.Text).Order());
        Assert.All(feed.Items, i => Assert.StartsWith("/metoder/", i.Links.Single().Uri.AbsolutePath));

        var staff = await (await site.SignedInAsync()).GetStringAsync("/feeds/metoder.atom");
        Assert.Contains("Fælles team for psykisk sårbarhed og rusmidler", staff);
        Assert.DoesNotContain("Fælles team for psykisk sårbarhed og rusmidler", xml);
    }

    [Fact]
    public async Task The_events_feed_is_valid_Atom_with_only_upcoming_events()
    {
        var xml = await site.Anonymous().GetStringAsync("/feeds/begivenheder.atom");
        var feed = ReadAtom(xml);
        var events = await site.WithStoreAsync(s => s.ListPublishedAsync("Event", Audience.Offentlig));
        var now = Danish.ToLocal(DateTime.UtcNow);
        var upcoming = events.Where(e => e.Ranges("when").Any(r => r.End >= now)).Select(e => e.Title).Order().ToList();
        Assert.NotEmpty(upcoming);
        Assert.Equal(upcoming, feed.Items.Select(i => i.Title.Text).Order());
    }

    [Theory]
    [InlineData("/Metoder/NADA", "/metoder/nada")]
    [InlineData("/METODER", "/metoder")]
    [InlineData("/Soeg?q=Recovery", "/soeg?q=Recovery")]
    [InlineData("/Sider/Kontakt", "/sider/kontakt")]
    public async Task Addresses_in_any_letter_case_redirect_to_the_lower_case_address(string asked, string expected)
    {
        var response = await site.Anonymous().GetAsync(asked);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await site.Anonymous().GetAsync(expected)).StatusCode);
    }

    [Fact]
    public async Task The_favicon_is_served()
    {
        var response = await site.Anonymous().GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
    }
}
