using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Media.Library;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Search;
using Videnscenter.Web.Tests.Harness;
using Xunit.Abstractions;

namespace Videnscenter.Web.Tests.Hosting;

/// <summary>
/// One published item of every content type at every audience level, each with its own marker
/// word ("MarkørMedarbejderMethod") in its title, summary, body, tags and every text field, and its
/// slug ("markoer-medarbejder-method") in its URL, links and media file; each refers to all the
/// others; users for every role. Types added to the recipe are covered without editing this file.
/// </summary>
public sealed class RouteWalkSite : SecuritySite, IAsyncLifetime
{
    public const string ReaderPassword = "Rute-Vandring-2026";
    /// <summary>A word every marker item has, for counting search hits.</summary>
    public const string SharedWord = "zebramarkør";
    public const string Author = "markør-redaktør";
    private const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    public ContentSchema Schema { get; private set; } = ContentSchema.Empty;
    public IReadOnlyList<Marker> Markers { get; private set; } = [];
    public IReadOnlyList<string> UserIds { get; private set; } = [];

    /// <summary>User name per role (null: anonymous).</summary>
    public static string? UserOf(string? role) => role switch
    {
        null => null,
        Roles.Administrator => "admin",
        _ => $"vandrer-{Slug(role)}",
    };

    public static string Token(Audience level, string type) => $"Markør{level}{type}";
    public static string SlugOf(Audience level, string type) => $"markoer-{level}-{type}".ToLowerInvariant();
    private static string Slug(string s) => s.ToLowerInvariant().Replace("ø", "oe", StringComparison.Ordinal);

    public async Task InitializeAsync()
    {
        foreach (var role in new[] { Roles.Volunteer, Roles.Staff, Roles.Editor })
            await CreateUserAsync(UserOf(role)!, ReaderPassword, role);
        UserIds = await InScopeAsync(async sp => (IReadOnlyList<string>)await sp.GetRequiredService<UserManager<IdentityUser>>().Users.Select(u => u.Id).ToListAsync());
        Schema = await InScopeAsync(sp => sp.GetRequiredService<SchemaStore>().GetAsync());

        // Media files attached to the items: a hidden item's file must be as hidden as the item.
        var media = new Dictionary<(Audience, string), string>();
        foreach (var type in Schema.Types.Where(t => t.Fields.Any(f => f.Kind == FieldKind.Media)))
            foreach (var level in TestContent.Levels)
            {
                var bytes = Convert.FromBase64String(TinyPng);
                var uploaded = await InScopeAsync(sp => sp.GetRequiredService<MediaLibrary>().UploadAsync(
                    new MediaUpload($"{SlugOf(level, type.Name)}.png", new MemoryStream(bytes), bytes.Length, $"Billede til {Token(level, type.Name)}"), Author));
                Assert.True(uploaded.Succeeded, string.Join(" ", uploaded.Errors.Select(e => e.Message)));
                media[(level, type.Name)] = uploaded.File!.Name;
            }

        // Pass 1: every type at every level, without references (their targets do not exist yet).
        var created = new List<(ContentTypeDefinition Type, Audience Level, ContentItem Item)>();
        foreach (var type in Schema.Types)
            foreach (var level in TestContent.Levels)
            {
                var item = await TestContent.CreateAsync(this, Draft(type, level, media.GetValueOrDefault((level, type.Name)), null), type, Author);
                created.Add((type, level, item));
            }

        // Pass 2: each item refers to every other it may (the hidden ones first, for single references).
        var markers = new List<Marker>();
        foreach (var (type, level, item) in created)
        {
            JsonNode? References(FieldDefinition f)
            {
                var targets = created.Where(c => c.Item.Id != item.Id && (f.ReferenceTypes.Count == 0 || f.ReferenceTypes.Contains(c.Type.Name)))
                    .OrderByDescending(c => c.Level).Select(c => (JsonNode)c.Item.Id.ToString()).ToList();
                if (targets.Count == 0) return null;
                return f.Multiple ? new JsonArray(targets.ToArray()) : new JsonArray(targets[0]);
            }
            var saved = await TestContent.SaveAsync(this, item, Draft(type, level, media.GetValueOrDefault((level, type.Name)), References), type, Author);
            var published = await WithStoreAsync(s => s.PublishAsync(saved.Id, actor: Author));
            markers.Add(new Marker(published, type, level, media.GetValueOrDefault((level, type.Name))));
        }
        Markers = markers;
    }

    private ContentDraft Draft(ContentTypeDefinition type, Audience level, string? mediaName, Func<FieldDefinition, JsonNode?>? references)
    {
        var token = Token(level, type.Name);
        var slug = SlugOf(level, type.Name);
        return new ContentDraft
        {
            Type = type.Name,
            Title = token,
            Slug = slug,
            Summary = $"Kort resumé om {token} til testen.",
            Body = $"Brødtekst om {token}. Alle testemner har ordet {SharedWord}.\n\n## Slide 1: {token} på et lysbillede\n\nTekst på lysbilledet om {token} og {SharedWord}.",
            Audience = level,
            Departments = Schema.Taxonomy(Content.Taxonomies.TaxonomyNames.Departments)?.Terms.Take(1).Select(t => t.Key).ToList() ?? [],
            Tags = [$"{token}mærke"],
            Fields = TestContent.Fields(Schema, type,
                text: f => $"{token} i feltet {f.Name}.",
                link: _ => $"https://example.org/{slug}",
                media: _ => mediaName,
                references: references),
        };
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

public sealed record Marker(ContentItem Item, ContentTypeDefinition Type, Audience Level, string? MediaName)
{
    public string Token => RouteWalkSite.Token(Level, Type.Name);
    public string Url => $"/{Type.Section}/{Item.Slug}";
}

/// <summary>
/// THE RULE on every route: a reader sees an item iff its audience is at most the reader's. As each
/// role, walks every GET endpoint the app maps (read from its EndpointDataSource, so new routes are
/// covered by themselves) with its route parameters filled from every section, slug, item id, user
/// id and media file; then the search page, the search API and autocomplete with every marker word.
/// No response may contain a marker, slug or id of an item above the reader's level; a URL made
/// from such an item answers exactly like one made from an item that does not exist (404); and
/// counts (hits, facets) include only what the reader may see.
/// </summary>
public sealed class RouteWalkTests(RouteWalkSite site, ITestOutputHelper output) : IClassFixture<RouteWalkSite>
{
    private const string Missing = "findes-ikke";
    private const string MissingMedia = "findes-ikke.png";
    private static readonly string MissingId = Guid.Parse("0b5e7f1e-0000-4000-8000-000000000001").ToString();
    /// <summary>Above this many combinations a route gets one request per item plus one per value.</summary>
    private const int MaxCombinations = 300;

    public static TheoryData<string> Readers => new() { "anonym", Roles.Volunteer, Roles.Staff, Roles.Editor, Roles.Administrator };

    private static string? RoleOf(string reader) => reader == "anonym" ? null : reader;

    [Theory, MemberData(nameof(Readers))]
    public async Task No_route_shows_a_reader_anything_above_their_audience(string reader)
    {
        var role = RoleOf(reader);
        var level = role is null ? Audience.Offentlig : Roles.AudienceOf(role);
        var client = role is null ? site.Client() : await site.SignedInAsync(RouteWalkSite.UserOf(role)!,
            role == Roles.Administrator ? SiteFactory.AdminPassword : RouteWalkSite.ReaderPassword);
        var hidden = site.Markers.Where(m => m.Level > level).ToList();
        var visible = site.Markers.Where(m => m.Level <= level).ToList();
        var forbidden = Forbidden(hidden);
        // The same search for what the reader may see must find it: proof that the decoding works.
        var shown = Forbidden(visible).Where(s => !Guid.TryParse(s, out _)).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();

        // 1. Every GET endpoint with every parameter filled.
        var principal = Principal(role);
        var responses = new Dictionary<string, int>(StringComparer.Ordinal);
        var endpoints = Endpoints().ToList();
        Assert.Contains(endpoints, e => e.RoutePattern.Parameters.Select(p => p.Name).SequenceEqual(["section", "slug"]));
        foreach (var endpoint in endpoints)
        {
            var reachable = await CanReachAsync(endpoint, principal);
            foreach (var (url, values) in Urls(endpoint.RoutePattern, hidden))
            {
                if (responses.ContainsKey(url)) continue;
                using var response = await client.GetAsync(url);
                var status = (int)response.StatusCode;
                responses[url] = status;
                // The error pages answer with the status they describe (/fejl/500 answers 500).
                if (status >= 500 && !(values.TryGetValue("code", out var code) && code == status.ToString(CultureInfo.InvariantCulture)))
                    failures.Add($"{url}: svarede {status}");
                if (!reachable)
                {
                    var location = response.Headers.Location?.ToString() ?? "";
                    if (!(status is 401 or 403 or 404 || status == 302 && location.Contains("/konto/log-ind", StringComparison.Ordinal)))
                        failures.Add($"{url}: kræver en anden rolle end {reader}, men svarede {status} {location}");
                }
                var body = await TextOfAsync(response);
                foreach (var leak in Leaks(body, forbidden, values.Values))
                    failures.Add($"{url} ({status}) viser «{leak}»");
                seen.UnionWith(Leaks(body, shown, values.Values));
            }
        }

        Assert.True(shown.All(seen.Contains), $"Gennemgangen fandt ikke {string.Join(", ", shown.Except(seen))}, som {reader} må se");

        // A URL made from a hidden item answers exactly like one made from a missing item.
        foreach (var endpoint in endpoints)
            foreach (var (url, values) in Urls(endpoint.RoutePattern, hidden))
            {
                if (!values.Values.Any(v => hidden.Any(m => IsOf(m, v)))) continue;
                var twin = Render(endpoint.RoutePattern, values.ToDictionary(p => p.Key, p => Substitute(p.Value, hidden)));
                if (responses.TryGetValue(twin, out var missingStatus) && responses[url] != missingStatus)
                    failures.Add($"{url} svarede {responses[url]}, men den tilsvarende adresse til noget, der ikke findes ({twin}), svarede {missingStatus}");
            }

        // 2. The items' own addresses and files: 404 above the reader's level, shown at or below it.
        foreach (var marker in hidden)
        {
            using var page = await client.GetAsync(marker.Url);
            if (page.StatusCode != HttpStatusCode.NotFound) failures.Add($"{marker.Url} svarede {(int)page.StatusCode}, ikke 404");
            if (marker.MediaName is not { } file) continue;
            using var media = await client.GetAsync($"/medier/{file}");
            if (media.StatusCode != HttpStatusCode.NotFound) failures.Add($"/medier/{file} (til {marker.Url}) svarede {(int)media.StatusCode}, ikke 404");
        }
        foreach (var marker in visible.Where(m => m.Type.Routable))
        {
            using var page = await client.GetAsync(marker.Url);
            if (page.StatusCode != HttpStatusCode.OK || !Normalize(await page.Content.ReadAsStringAsync()).Contains(marker.Token.ToLowerInvariant(), StringComparison.Ordinal))
                failures.Add($"{marker.Url} svarede {(int)page.StatusCode} uden titlen, men {reader} må se den");
            if (marker.MediaName is not { } file) continue;
            using var media = await client.GetAsync($"/medier/{file}");
            if (media.StatusCode != HttpStatusCode.OK) failures.Add($"/medier/{file} (til {marker.Url}) svarede {(int)media.StatusCode}, men {reader} må se den");
        }

        // 3. Search: hits, snippets, counts, facets, "did you mean" and autocomplete.
        foreach (var marker in site.Markers)
        {
            var token = marker.Token.ToLowerInvariant();
            var api = await GetAsync(client, $"/api/search?q={Uri.EscapeDataString(token)}", forbidden, [], failures);
            var json = JsonNode.Parse(api)!.AsObject();
            var urls = json["hits"]!.AsArray().Select(h => h!["url"]!.GetValue<string>()).ToList();
            if (marker.Level > level)
            {
                if (json["total"]!.GetValue<int>() != 0 || urls.Count != 0) failures.Add($"/api/search?q={token} fandt {json["total"]} for {reader}");
                foreach (var facet in json["facets"]!.AsObject().Where(f => f.Value!.AsArray().Count > 0))
                    failures.Add($"/api/search?q={token} har facetten {facet.Key} for {reader}: {facet.Value!.ToJsonString()}");
            }
            else if (!urls.Any(u => u.StartsWith(marker.Url, StringComparison.Ordinal)))
                failures.Add($"/api/search?q={token} fandt ikke {marker.Url}, som {reader} må se");

            await GetAsync(client, $"/api/search?q={Uri.EscapeDataString(token[..^2])}", forbidden, [], failures); // a typo: "Mente du …?"
            var searchPage = await GetAsync(client, $"/soeg?q={Uri.EscapeDataString(token)}", forbidden, [token], failures);
            if (marker.Level > level && !searchPage.Contains("0 resultater", StringComparison.Ordinal))
                failures.Add($"/soeg?q={token} viser resultater for {reader}");
        }
        foreach (var l in TestContent.Levels)
        {
            var prefix = $"markør{l}"[..11].ToLowerInvariant();
            var suggestions = await GetAsync(client, $"/api/autocomplete?q={Uri.EscapeDataString(prefix)}", forbidden, [], failures);
            if (l <= level && !Normalize(suggestions).Contains($"markør{l}".ToLowerInvariant(), StringComparison.Ordinal))
                failures.Add($"/api/autocomplete?q={prefix} foreslog intet for {reader}: {suggestions}");
        }
        await GetAsync(client, "/api/autocomplete?q=mark", forbidden, [], failures);

        // Counts: the shared word finds exactly the items the reader may see, once each (a deck's
        // matching slides come back beneath the deck, not as hits of their own).
        var expected = visible.Count;
        var shared = JsonNode.Parse(await GetAsync(client, $"/api/search?q={Uri.EscapeDataString(RouteWalkSite.SharedWord)}", forbidden, [], failures))!.AsObject();
        if (shared["total"]!.GetValue<int>() != expected) failures.Add($"/api/search?q={RouteWalkSite.SharedWord} talte {shared["total"]} for {reader}, ikke {expected}");
        if (shared["facets"]!["type"] is JsonArray typeFacet && typeFacet.Sum(v => v!["count"]!.GetValue<int>()) != expected)
            failures.Add($"/api/search?q={RouteWalkSite.SharedWord}: facetten type talte {typeFacet.ToJsonString()} for {reader}, ikke {expected} i alt");
        var sharedPage = await GetAsync(client, $"/soeg?q={Uri.EscapeDataString(RouteWalkSite.SharedWord)}", forbidden, [], failures);
        if (!sharedPage.Contains($"{expected} resultater", StringComparison.Ordinal))
            failures.Add($"/soeg?q={RouteWalkSite.SharedWord} viser ikke «{expected} resultater» for {reader}");

        output.WriteLine($"{reader}: {endpoints.Count} endpoints, {responses.Count} adresser, {hidden.Count} skjulte og {visible.Count} synlige emner, {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, $"{failures.Count} brud på reglen for {reader}:\n" + string.Join("\n", failures.Distinct().Take(40)));
    }

    // ---- Endpoints and their URLs ---------------------------------------------------------

    /// <summary>Every GET endpoint with a route, except the theme's static files (built assets, no content).</summary>
    private IEnumerable<RouteEndpoint> Endpoints() =>
        site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { HttpMethods.Count: > 0 } methods || methods.HttpMethods.Contains("GET"))
            .Where(e => !(e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("_content/", StringComparison.Ordinal))
            .GroupBy(e => e.RoutePattern.RawText).Select(g => g.First());

    private async Task<bool> CanReachAsync(Endpoint endpoint, ClaimsPrincipal principal)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) return true;
        var data = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        var policies = endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>();
        if (data.Count == 0 && policies.Count == 0) return true;
        await using var scope = site.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(provider, data, policies);
        if (policy is null) return true;
        var result = await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().AuthorizeAsync(principal, null, policy);
        return result.Succeeded;
    }

    private static ClaimsPrincipal Principal(string? role) => role is null
        ? new ClaimsPrincipal(new ClaimsIdentity())
        : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, RouteWalkSite.UserOf(role)!), new Claim(ClaimTypes.Role, role)], "Test"));

    /// <summary>The values to try for a route parameter, by its name; the route's constraints then filter them.</summary>
    private IReadOnlyList<string> Pool(string parameter) => parameter.ToLowerInvariant() switch
    {
        "section" or "type" => [.. site.Schema.Types.Select(t => t.Section), Missing],
        "slug" => [.. site.Markers.Select(m => m.Item.Slug), Missing],
        "id" => [.. site.Markers.Select(m => m.Item.Id.ToString()), .. site.UserIds, MissingId, "ny"],
        "name" or "file" or "path" => [.. site.Markers.Select(m => m.MediaName).OfType<string>(), MissingMedia],
        "code" => ["400", "403", "404", "429", "500"],
        "key" => [.. site.Schema.Taxonomies.Values.SelectMany(t => t.Terms).Select(t => t.Key).Distinct().Take(40), Missing],
        _ => [.. site.Markers.Select(m => m.Item.Slug), .. site.Markers.Select(m => m.Item.Id.ToString()), Missing, MissingId, "1"],
    };

    private IEnumerable<(string Url, Dictionary<string, string> Values)> Urls(RoutePattern pattern, IReadOnlyList<Marker> hidden)
    {
        var parameters = pattern.Parameters.ToList();
        if (parameters.Count == 0)
        {
            yield return (Render(pattern, new Dictionary<string, string>()), []);
            yield break;
        }
        var pools = parameters.ToDictionary(p => p.Name, p => Pool(p.Name).Where(v => Fits(pattern, p, v)).ToList());
        if (pools.Values.Any(p => p.Count == 0)) yield break;

        var combinations = pools.Values.Aggregate(1L, (n, p) => n * p.Count);
        IEnumerable<Dictionary<string, string>> bindings;
        if (combinations <= MaxCombinations)
        {
            bindings = pools.Aggregate((IEnumerable<Dictionary<string, string>>)[[]], (acc, pool) =>
                acc.SelectMany(b => pool.Value.Select(v => new Dictionary<string, string>(b) { [pool.Key] = v })));
        }
        else
        {
            // Each item's own values together (its section with its slug and id), then each value once.
            var correlated = site.Markers.Select(m => pools.ToDictionary(p => p.Key, p =>
                p.Value.FirstOrDefault(v => IsOf(m, v) || v == m.Type.Section || v == m.Type.Name) ?? p.Value[0]));
            var single = pools.SelectMany(pool => pool.Value.Select(v =>
                pools.ToDictionary(p => p.Key, p => p.Key == pool.Key ? v : p.Value[0])));
            bindings = correlated.Concat(single);
        }
        foreach (var binding in bindings)
            yield return (Render(pattern, binding), binding);
    }

    private static bool IsOf(Marker m, string value) =>
        value == m.Item.Slug || value == m.Item.Id.ToString() || value == m.MediaName;

    private static string Substitute(string value, IReadOnlyList<Marker> hidden)
    {
        var marker = hidden.FirstOrDefault(m => IsOf(m, value));
        if (marker is null) return value;
        return value == marker.Item.Id.ToString() ? MissingId : value == marker.MediaName ? MissingMedia : Missing;
    }

    /// <summary>Whether a value passes the parameter's inline constraints (int, guid, regex).</summary>
    private static bool Fits(RoutePattern pattern, RoutePatternParameterPart parameter, string value)
    {
        if (!pattern.ParameterPolicies.TryGetValue(parameter.Name, out var policies)) return true;
        foreach (var policy in policies)
        {
            var content = policy.Content ?? "";
            if (content == "int" && !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) return false;
            if (content == "guid" && !Guid.TryParse(value, out _)) return false;
            if (content.StartsWith("regex(", StringComparison.Ordinal)
                && !Regex.IsMatch(value, content[6..^1], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)) return false;
        }
        return true;
    }

    private static string Render(RoutePattern pattern, IReadOnlyDictionary<string, string> values)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart p when values.TryGetValue(p.Name, out var v) =>
                p.IsCatchAll ? string.Join('/', v.Split('/').Select(Uri.EscapeDataString)) : Uri.EscapeDataString(v),
            RoutePatternParameterPart p => p.Default?.ToString() ?? "",
            _ => "",
        })));
        return "/" + string.Join('/', segments.Where(s => s.Length > 0));
    }

    // ---- Looking for leaks ----------------------------------------------------------------

    /// <summary>What must not appear for the reader: hidden items' marker words, slugs and ids.</summary>
    private static IReadOnlyList<string> Forbidden(IReadOnlyList<Marker> hidden) =>
        hidden.Select(m => $"markør{m.Level}".ToLowerInvariant())
            .Concat(hidden.Select(m => $"markoer-{m.Level}".ToLowerInvariant()))
            .Concat(hidden.Select(m => m.Item.Id.ToString()))
            .Concat(hidden.Select(m => m.Item.Id.ToString("N")))
            .Distinct().ToList();

    /// <summary>
    /// Forbidden strings in a response, after decoding (HTML entities, JSON escapes, URL encoding,
    /// iCalendar line folding), ignoring what the request itself sent (an echo reveals nothing).
    /// </summary>
    private static IEnumerable<string> Leaks(string body, IReadOnlyList<string> forbidden, IEnumerable<string> sent)
    {
        var text = Normalize(body);
        foreach (var value in sent.Where(v => v.Length > 0))
            text = text.Replace(value.ToLowerInvariant(), " ", StringComparison.Ordinal);
        return forbidden.Where(f => text.Contains(f, StringComparison.Ordinal));
    }

    private static string Normalize(string body)
    {
        var text = body.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal);
        text = Regex.Replace(text, @"\\u([0-9a-fA-F]{4})", m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());
        text = WebUtility.HtmlDecode(text);
        text = Uri.UnescapeDataString(text);
        return text.ToLowerInvariant();
    }

    /// <summary>The response as text: textual bodies as they are, PDFs through PdfPig.</summary>
    private static async Task<string> TextOfAsync(HttpResponseMessage response)
    {
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        if (type == "application/pdf") return await PdfTextAsync(await response.Content.ReadAsByteArrayAsync());
        if (type.StartsWith("text/", StringComparison.Ordinal) || type.Contains("json", StringComparison.Ordinal)
            || type.Contains("xml", StringComparison.Ordinal) || type.Length == 0)
            return await response.Content.ReadAsStringAsync();
        return "";
    }

    /// <summary>A PDF's text as a reader's tools get it (PdfPig, in process).</summary>
    internal static Task<string> PdfTextAsync(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return Task.FromResult(string.Join("\n", document.GetPages().Select(p =>
            UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor.ContentOrderTextExtractor.GetText(p))));
    }

    private static async Task<string> GetAsync(HttpClient client, string url, IReadOnlyList<string> forbidden, IReadOnlyList<string> sent, List<string> failures)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode >= 400) failures.Add($"{url} svarede {(int)response.StatusCode}");
        foreach (var leak in Leaks(body, forbidden, sent)) failures.Add($"{url} viser «{leak}»");
        return body;
    }
}
