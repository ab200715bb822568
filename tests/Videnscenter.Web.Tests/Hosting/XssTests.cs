using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Media.Library;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Hosting;

/// <summary>
/// One published item of every type with script-injection payloads in its title, summary, body,
/// tags and every text, Markdown and link field (and in a media file's name and alt text); then
/// every page an administrator can reach, crawled once (for the XSS and antiforgery tests alike).
/// </summary>
public sealed class XssSite : SecuritySite, IAsyncLifetime
{
    /// <summary>A word in every payload item, to find them all in search.</summary>
    public const string Word = "xssprøve";

    public static readonly string[] Payloads =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><img src=x onerror='alert(1)'>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "<a href=\"jav&#x09;ascript:alert(1)\">tab</a>",
        "<a href=\"javascript:alert(1)\">rå</a>",
        "[link](javascript:alert(1))",
        "[tab](jav&#x09;ascript:alert(1))",
        "[stor](JaVaScRiPt:alert(1))",
        "![billede](javascript:alert(1))",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[vb](vbscript:msgbox(1))",
        "<javascript:alert(1)>",
        "[ref][farlig]\n\n[farlig]: javascript:alert(1)",
        "<iframe src=\"https://example.org\"></iframe>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
        "<p style=\"color:red\">stil</p>",
        "<style>body{display:none}</style>",
        "<math><mi xlink:href=\"javascript:alert(1)\">m</mi></math>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"https://example.org/\">",
        "<form action=\"javascript:alert(1)\"><button>send</button></form>",
        "' onmouseover='alert(1)",
        "\" onfocus=\"alert(1)\" autofocus=\"",
        "</textarea><script>alert(1)</script>",
        "</title><script>alert(1)</script>",
        "{{constructor.constructor('alert(1)')()}}",
    ];

    /// <summary>Link values that pass the link field's rules but try to break out of the attribute.</summary>
    public static readonly string[] LinkPayloads =
    [
        "https://example.org/\"><script>alert(1)</script>",
        "/\" onmouseover=\"alert(1)",
        "https://example.org/?q='><svg onload=alert(1)>",
    ];

    public ContentSchema Schema { get; private set; } = ContentSchema.Empty;
    public IReadOnlyList<(ContentTypeDefinition Type, ContentItem Item)> Items { get; private set; } = [];
    public HttpClient Admin { get; private set; } = null!;
    /// <summary>Every page the administrator can reach, by URL, as the crawl found it.</summary>
    public IReadOnlyDictionary<string, AngleSharp.Html.Dom.IHtmlDocument> Pages { get; private set; } = new Dictionary<string, AngleSharp.Html.Dom.IHtmlDocument>();

    public static string Text(string prefix, int max) =>
        (prefix + " " + string.Join(" ", Payloads)) is var s && s.Length <= max ? s : s[..max];

    public async Task InitializeAsync()
    {
        Schema = await InScopeAsync(sp => sp.GetRequiredService<SchemaStore>().GetAsync());
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        var uploaded = await InScopeAsync(sp => sp.GetRequiredService<MediaLibrary>().UploadAsync(
            new MediaUpload("x\"><svg onload=alert(1)>.png", new MemoryStream(png), png.Length, "\"><img src=x onerror=alert(1)> <script>alert(1)</script>"), "xss"));
        var media = uploaded.File?.Name;

        var items = new List<(ContentTypeDefinition, ContentItem)>();
        foreach (var type in Schema.Types)
        {
            var linkIndex = 0;
            var draft = new ContentDraft
            {
                Type = type.Name,
                Title = $"{Word} {type.Name} <script>alert(1)</script>\"><img src=x onerror=alert(1)>",
                Slug = $"xss-{type.Name.ToLowerInvariant()}",
                Summary = Text($"{Word} resumé", 600),
                Body = $"{Word} brødtekst\n\n" + string.Join("\n\n", Payloads) + "\n\n## Slide 1: <script>alert(1)</script>\n\n" + string.Join("\n\n", Payloads),
                Audience = Audience.Offentlig,
                Tags = ["<script>alert(1)</script>", "\"><svg onload=alert(1)>", "javascript:alert(1)"],
                Fields = TestContent.Fields(Schema, type,
                    text: f => f.Kind == FieldKind.Markdown ? $"{Word} {f.Name}\n\n" + string.Join("\n\n", Payloads) : Text($"{Word} {f.Name}", 1000),
                    link: _ => LinkPayloads[linkIndex++ % LinkPayloads.Length],
                    media: _ => media),
            };
            var created = await TestContent.CreateAsync(this, draft, type, "xss");
            items.Add((type, await WithStoreAsync(s => s.PublishAsync(created.Id))));
        }
        Items = items;
        Admin = await SignedInAsync();
        Pages = await AdminCrawl.CrawlAsync(this, Admin, [.. items.Select(i => i.Item2.Id.ToString()), .. items.Select(i => i.Item2.Slug)]);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// Stored script injection: payloads in every field of every type come out as text, never as
/// markup, on every page that shows them (detail, list, front page, search, the API, the admin).
/// </summary>
[Collection(HostileContentCollection.Name)]
public sealed class XssTests(XssSite site)
{
    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "background", "cite", "ping"];
    private static readonly string[] ForbiddenElements = ["iframe", "object", "embed", "svg", "math", "base", "frame", "frameset", "applet", "style", "link[rel=import]"];

    [Fact]
    public async Task Public_pages_show_the_payloads_as_text_and_run_none_of_them()
    {
        var anonymous = site.Client();
        var pages = new List<string> { "/", "/soeg?q=" + Uri.EscapeDataString(XssSite.Word) };
        pages.AddRange(site.Schema.Types.Where(t => t.Routable).Select(t => $"/{t.Section}"));
        foreach (var (type, item) in site.Items.Where(i => i.Type.Routable))
        {
            var detail = $"/{type.Section}/{item.Slug}";
            pages.Add(detail);
            var html = await HtmlAsync(anonymous, detail);
            // The payloads reached the page, as text: the proof that this test looked at something.
            Assert.Contains("<script>alert(1)</script>", SiteFactory.Parse(html).Body!.TextContent, StringComparison.Ordinal);
        }

        var problems = new List<string>();
        foreach (var page in pages.Distinct())
            problems.AddRange(Problems(page, SiteFactory.Parse(await HtmlAsync(anonymous, page))));
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(40)));
    }

    [Fact]
    public async Task The_search_api_returns_snippets_without_markup_from_content()
    {
        var anonymous = site.Client();
        var problems = new List<string>();
        var hits = 0;
        for (var page = 1; page <= 5; page++)
        {
            var json = JsonNode.Parse(await anonymous.GetStringAsync($"/api/search?q={Uri.EscapeDataString(XssSite.Word)}&page={page}"))!;
            foreach (var hit in json["hits"]!.AsArray())
            {
                hits++;
                var snippet = hit!["snippet"]?.GetValue<string>() ?? "";
                var fragment = SiteFactory.Parse($"<!DOCTYPE html><html><body>{snippet}</body></html>");
                problems.AddRange(Problems($"snippet i {hit["url"]}", fragment));
                // Only our own highlighting is markup in a snippet.
                foreach (var element in fragment.Body!.QuerySelectorAll("*").Where(e => e.LocalName != "mark"))
                    problems.Add($"snippet i {hit["url"]} har <{element.LocalName}>");
                var url = hit["url"]!.GetValue<string>();
                if (!url.StartsWith('/') || url.StartsWith("//", StringComparison.Ordinal)) problems.Add($"hit-url {url}");
            }
        }
        Assert.True(hits >= site.Items.Count, $"søgningen fandt kun {hits} af {site.Items.Count}");
        var suggestions = JsonSerializer.Deserialize<string[]>(await anonymous.GetStringAsync("/api/autocomplete?q=xss"));
        Assert.NotNull(suggestions);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(40)));
    }

    [Fact]
    public void Admin_pages_show_the_payloads_as_text_and_run_none_of_them()
    {
        // The crawl reached the editor's pages of every payload item (list, edit, history, preview, log …).
        var pages = site.Pages.Where(p => p.Value.DocumentElement.OuterHtml.Contains(XssSite.Word, StringComparison.Ordinal)).ToList();
        foreach (var (_, item) in site.Items)
            Assert.Contains(pages, p => p.Key.StartsWith("/admin", StringComparison.Ordinal) && p.Key.Contains(item.Id.ToString(), StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Key.StartsWith("/admin/log", StringComparison.Ordinal));

        var problems = pages.SelectMany(p => Problems(p.Key, p.Value)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(40)));
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>", "onerror")]
    [InlineData("<script>alert(1)</script>", "<script>")]
    [InlineData("<script src=\"https://evil.example/x.js\"></script>", "<script>")]
    [InlineData("<script type=\"application/ld+json\">{\"a\": </script>", "<script>")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "href")]
    [InlineData("<img src=\" data:image/svg+xml,x\">", "src")]
    [InlineData("<p style=\"color:red\">x</p>", "style")]
    [InlineData("<iframe></iframe>", "<iframe>")]
    [InlineData("<svg></svg>", "<svg>")]
    [InlineData("<form action=\"https://evil.example/\"></form>", "<form")]
    public void The_checker_finds_what_it_looks_for(string html, string expected)
    {
        // Proof that a clean result means a clean page, not a checker that looks at nothing.
        var problems = Problems("prøve", SiteFactory.Parse($"<!DOCTYPE html><html><body>{html}</body></html>")).ToList();
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
        Assert.Empty(Problems("ren", SiteFactory.Parse("<!DOCTYPE html><html><body><script src=\"/_content/x.js\"></script><a href=\"/metoder\">ok</a></body></html>")));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JAVASCRIPT:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("jav\tascript:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("//evil.example/x")]
    public async Task Link_fields_refuse_script_and_data_urls(string url)
    {
        foreach (var type in site.Schema.Types.Where(t => t.Fields.Any(f => f.Kind == FieldKind.Link)))
        {
            var draft = new ContentDraft
            {
                Type = type.Name,
                Title = $"Farligt link {Guid.NewGuid():N}",
                Fields = TestContent.Fields(site.Schema, type, text: _ => "tekst", link: _ => url, media: _ => null),
            };
            var result = await site.WithStoreAsync(s => s.CreateAsync(draft, "xss"));
            Assert.False(result.Succeeded, $"{type.Name} gemte linket {url}");
            Assert.Contains(result.Errors, e => type.Field(e.Field)?.Kind == FieldKind.Link);
        }
    }

    private static async Task<string> HtmlAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} svarede {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Everything on a page that could run script or restyle it.</summary>
    internal static IEnumerable<string> Problems(string page, AngleSharp.Html.Dom.IHtmlDocument document)
    {
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                    yield return $"{page}: <{element.LocalName} {attribute.Name}=…>";
                if (attribute.Name.Equals("style", StringComparison.OrdinalIgnoreCase))
                    yield return $"{page}: <{element.LocalName} style=…>";
                if (UrlAttributes.Contains(attribute.Name.ToLowerInvariant()) && IsScriptUrl(attribute.Value))
                    yield return $"{page}: <{element.LocalName} {attribute.Name}=\"{attribute.Value}\">";
            }
            if (element.LocalName == "script" && !IsOwnScript(element))
                yield return $"{page}: <script> uden egen src: {element.OuterHtml[..Math.Min(120, element.OuterHtml.Length)]}";
            if (element.LocalName == "meta" && element.GetAttribute("http-equiv")?.Equals("refresh", StringComparison.OrdinalIgnoreCase) == true)
                yield return $"{page}: <meta http-equiv=refresh>";
            if (element.LocalName == "form" && element.GetAttribute("action") is { } action && !IsOwnUrl(action))
                yield return $"{page}: <form action=\"{action}\">";
        }
        foreach (var selector in ForbiddenElements)
            foreach (var element in document.QuerySelectorAll(selector))
                yield return $"{page}: <{element.LocalName}>";
    }

    /// <summary>Scripts must come from the site itself; JSON-LD is data (never run) and must stay valid JSON.</summary>
    private static bool IsOwnScript(IElement script)
    {
        if (script.GetAttribute("type") == "application/ld+json")
        {
            try { JsonDocument.Parse(script.TextContent).Dispose(); return true; }
            catch (JsonException) { return false; }
        }
        return script.GetAttribute("src") is { } src && IsOwnUrl(src) && script.TextContent.Trim().Length == 0;
    }

    private static bool IsOwnUrl(string url) => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) || url.Length == 0 || url.StartsWith('?');

    /// <summary>A URL a browser would run or render inline: javascript:, vbscript:, data: (browsers ignore tabs, newlines and spaces in the scheme).</summary>
    internal static bool IsScriptUrl(string value)
    {
        var compact = new string(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
        return compact.StartsWith("javascript:", StringComparison.Ordinal) || compact.StartsWith("vbscript:", StringComparison.Ordinal)
               || compact.StartsWith("data:", StringComparison.Ordinal);
    }
}

[CollectionDefinition(Name)]
public sealed class HostileContentCollection : ICollectionFixture<XssSite>
{
    public const string Name = "Fjendtligt indhold";
}
