using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Hosting;

/// <summary>
/// Every kind of page an administrator can reach: from "/", "/admin" and every GET route without
/// parameters (so a page nobody links to yet is still found), following the site's own links. Of
/// pages of the same shape (the same section's items, the same admin form for other items) a few
/// are enough, except those that name one of the <c>always</c> strings (the items under test).
/// </summary>
public static partial class AdminCrawl
{
    private const int MaxPages = 1500;
    private const int PerShape = 4;

    public static async Task<Dictionary<string, IHtmlDocument>> CrawlAsync(SecuritySite site, HttpClient admin, IReadOnlyList<string> always)
    {
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var pages = new Dictionary<string, IHtmlDocument>(StringComparer.Ordinal);
        var seeds = new List<string> { "/", "/admin" };
        seeds.AddRange(site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count == 0)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(Crawlable));
        var queue = new Queue<string>(seeds.Distinct());
        var queued = new HashSet<string>(queue, StringComparer.Ordinal);
        while (queue.Count > 0 && pages.Count < MaxPages)
        {
            var url = queue.Dequeue();
            using var response = await admin.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            var document = SiteFactory.Parse(await response.Content.ReadAsStringAsync());
            pages[url] = document;
            foreach (var href in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                var target = Local(url, href);
                if (target is null || !Crawlable(target) || queued.Contains(target)) continue;
                var shape = Shape(target);
                if (!always.Any(a => target.Contains(a, StringComparison.Ordinal)) && shapes.GetValueOrDefault(shape) >= PerShape) continue;
                shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
                queued.Add(target);
                queue.Enqueue(target);
            }
        }
        return pages;
    }

    /// <summary>Same-site pages only; not sign-out, not files, not every page of every search.</summary>
    private static bool Crawlable(string url)
    {
        var path = url.Split('?')[0];
        return !path.StartsWith("/konto/log-ud", StringComparison.Ordinal)
               && !path.StartsWith("/_content/", StringComparison.Ordinal)
               && !path.StartsWith("/medier/", StringComparison.Ordinal)
               && !path.StartsWith("/api/", StringComparison.Ordinal)
               && Path.GetExtension(path) is "" or ".html"
               && !(url.Contains('?') && url.Contains("side=", StringComparison.Ordinal));
    }

    /// <summary>"/metoder/motiverende-interview?afdeling=x" → "/metoder/{}?afdeling": ids and last segments vary, the page does not.</summary>
    private static string Shape(string url)
    {
        var parts = url.Split('?', 2);
        var segments = Guid().Replace(parts[0], "{id}").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 2 && segments[^1] != "{id}") segments[^1] = "{}";
        var keys = parts.Length > 1 ? string.Join("&", parts[1].Split('&').Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal)) : "";
        return "/" + string.Join('/', segments) + "?" + keys;
    }

    [System.Text.RegularExpressions.GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial System.Text.RegularExpressions.Regex Guid();

    /// <summary>A link as a local path and query, or null when it leaves the site.</summary>
    public static string? Local(string page, string href)
    {
        if (href.StartsWith('#') || href.StartsWith("mailto:", StringComparison.Ordinal) || href.StartsWith("tel:", StringComparison.Ordinal)) return null;
        var uri = new Uri(new Uri("http://localhost" + page), href);
        return uri.Host == "localhost" ? uri.PathAndQuery : null;
    }
}

/// <summary>
/// Every POST form on every page an administrator can reach carries an antiforgery token, and the
/// site refuses each of them (400) when it is posted without the token.
/// </summary>
[Collection(HostileContentCollection.Name)]
public sealed class AntiforgeryTests(XssSite site, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string TokenField = "__RequestVerificationToken";

    private sealed record Form(string Page, string Action, bool Multipart, List<KeyValuePair<string, string>> Fields, bool HasToken, List<string> Files);

    [Fact]
    public async Task Every_form_refuses_a_post_without_its_token()
    {
        var forms = Forms().ToList();
        // The crawl found the forms we know of: proof that it looked at the admin.
        foreach (var known in new[] { "/konto/log-ud", "/admin/soegeindeks", "/admin/brugere/ny" })
            Assert.Contains(forms, f => f.Action.StartsWith(known, StringComparison.Ordinal));
        Assert.True(forms.Count >= 10, $"Fandt kun {forms.Count} formularer");

        var problems = new List<string>();
        foreach (var form in forms)
        {
            if (!form.HasToken) problems.Add($"{form.Action} (på {form.Page}) har intet {TokenField}");
            using HttpContent content = form.Multipart ? Multipart(form.Fields, form.Files) : new FormUrlEncodedContent(form.Fields);
            using var response = await site.Admin.PostAsync(form.Action, content);
            if (response.StatusCode != HttpStatusCode.BadRequest)
                problems.Add($"{form.Action} (på {form.Page}) svarede {(int)response.StatusCode} uden token, ikke 400");
        }
        output.WriteLine($"{forms.Count} formularer på {site.Pages.Count} sider: " + string.Join(" ", forms.Select(f => f.Action)));
        Assert.True(problems.Count == 0, $"{problems.Count} af {forms.Count} formularer:\n" + string.Join("\n", problems));

        // And the administrator is still signed in: the refused sign-out form did nothing.
        Assert.Equal(HttpStatusCode.OK, (await site.Admin.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public void No_page_has_inline_script_or_style_or_script_urls()
    {
        Assert.True(site.Pages.Count > 50, $"Gennemgangen fandt kun {site.Pages.Count} sider");
        var problems = site.Pages.SelectMany(p => XssTests.Problems(p.Key, p.Value)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(40)));
    }

    /// <summary>POST forms (and buttons with their own formaction), one per action and set of fields.</summary>
    private IEnumerable<Form> Forms()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (page, document) in site.Pages)
            foreach (var form in document.QuerySelectorAll("form").OfType<IHtmlFormElement>())
            {
                if (!string.Equals(form.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)) continue;
                var fields = form.Elements.OfType<IHtmlInputElement>()
                    .Where(i => !string.IsNullOrEmpty(i.Name) && i.Name != TokenField && i.Type is not ("file" or "submit" or "button" or "image")
                                && (i.Type is not ("checkbox" or "radio") || i.IsChecked))
                    .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
                    .Concat(form.Elements.OfType<IHtmlTextAreaElement>().Where(t => !string.IsNullOrEmpty(t.Name)).Select(t => new KeyValuePair<string, string>(t.Name!, t.Value)))
                    .Concat(form.Elements.OfType<IHtmlSelectElement>().Where(s => !string.IsNullOrEmpty(s.Name)).Select(s => new KeyValuePair<string, string>(s.Name!, s.Value ?? "")))
                    .ToList();
                var hasToken = form.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == TokenField && i.Value.Length > 0);
                var files = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "file" && !string.IsNullOrEmpty(i.Name)).Select(i => i.Name!).ToList();
                var multipart = string.Equals(form.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase);
                var actions = new[] { form.GetAttribute("action") ?? "" }
                    .Concat(form.QuerySelectorAll("button[formaction], input[formaction]").Select(b => b.GetAttribute("formaction")!));
                foreach (var raw in actions)
                {
                    var action = raw.Length == 0 ? page : AdminCrawl.Local(page, raw);
                    if (action is null) continue;
                    // One post per kind of form: item ids and slugs vary, the form does not.
                    var key = System.Text.RegularExpressions.Regex.Replace(action, "[0-9a-f]{8}-[0-9a-f-]{27}", "{id}");
                    if (seen.Add(key)) yield return new Form(page, action, multipart, fields, hasToken, files);
                }
            }
    }

    /// <summary>As a browser posts the form with no file chosen: every file input is an empty part with an empty file name.</summary>
    private static MultipartFormDataContent Multipart(IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<string> files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        foreach (var name in files)
        {
            var empty = new ByteArrayContent([]);
            empty.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            empty.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data") { Name = $"\"{name}\"", FileName = "\"\"" };
            content.Add(empty);
        }
        return content;
    }
}
