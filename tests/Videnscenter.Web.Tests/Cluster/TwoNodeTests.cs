using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Content.Tests.Harness;
using Videnscenter.Web.Recoveryskolen;
using Videnscenter.Web.Tests.Editing;
using Videnscenter.Web.Tests.Harness;
using Videnscenter.Web.Tests.Media;

namespace Videnscenter.Web.Tests.Cluster;

/// <summary>
/// Two real site processes on one fresh PostgreSQL database and one shared media folder, driven over
/// HTTP like two servers behind a load balancer: start together, sign in on one and use the cookie
/// on the other, upload, publish, sign up for the last place on both at once, kill -9 and restart,
/// and take an item away from anonymous readers.
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);
    private TestDatabase _database = null!;
    private string _media = null!;
    private SiteProcess _a = null!;
    private SiteProcess _b = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        _media = Directory.CreateTempSubdirectory("videnscenter-shared-media-").FullName;
        _a = new SiteProcess("a", _database.ConnectionString, _media);
        _b = new SiteProcess("b", _database.ConnectionString, _media);
    }

    public async Task DisposeAsync()
    {
        _a.Dispose();
        _b.Dispose();
        await _database.DisposeAsync();
        try { Directory.Delete(_media, recursive: true); } catch (IOException) { }
    }

    [ClusterFact]
    public async Task Two_nodes_on_one_database_serve_one_site()
    {
        // 1. Both start at once on an empty database: one migrates and seeds, the other waits for it.
        _a.Start();
        _b.Start();
        await Task.WhenAll(_a.WaitUntilReadyAsync(StartLimit), _b.WaitUntilReadyAsync(StartLimit));
        var recipeRuns = new[] { _a, _b }.Count(n => n.Output.Contains("Opskriften er kørt", StringComparison.Ordinal));
        Assert.True(recipeRuns == 1, $"Opskriften skulle køre én gang, kørte {recipeRuns} gange.\nA:\n{_a.Output}\nB:\n{_b.Output}");
        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM \"AspNetUsers\" WHERE \"UserName\" = 'admin'"));
            Assert.True(await ScalarAsync(connection, "SELECT count(*) FROM \"ContentItems\"") > 50);
            Assert.Equal(0L, await ScalarAsync(connection,
                "SELECT count(*) FROM (SELECT 1 FROM \"ContentVersions\" WHERE \"Latest\" GROUP BY \"ContentType\", \"Slug\" HAVING count(*) > 1) d"));
        }

        // 2. Sign in on A; the same cookie is valid on B, and a form from A posts to B.
        var jar = new CookieContainer();
        using var adminA = ClusterSite.Client(_a, jar);
        using var adminB = ClusterSite.Client(_b, jar);
        using var anonymousB = ClusterSite.Client(_b);
        await ClusterSite.SignInAsync(adminA);
        Assert.Equal(HttpStatusCode.OK, (await adminB.GetAsync("/admin")).StatusCode);

        // 3. Upload on A, fetch on B.
        var mediaForm = await adminA.GetStringAsync("/admin/medier");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(SiteFactory.AntiforgeryToken(mediaForm)), "__RequestVerificationToken" },
            { new StringContent("Klyngebillede til testen"), "AltText" },
            { new ByteArrayContent(MediaSite.Png), "Upload", "klyngebillede.png" },
        };
        var uploaded = await adminA.PostAsync("/admin/medier", upload);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var mediaName = uploaded.Headers.Location!.OriginalString.Split('/')[^1];
        var fetched = await adminB.GetAsync($"/medier/{mediaName}");
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        // The library may store a cleaned copy of the upload: B serves exactly what A serves.
        Assert.Equal(await adminA.GetByteArrayAsync($"/medier/{mediaName}"), await fetched.Content.ReadAsByteArrayAsync());

        // 4. An editor's form opened on A is saved on B (shared antiforgery keys); published on A; found on B.
        var (_, newPage) = await AdminPages.OpenEditorAsync(adminA, "/admin/indhold/sider/ny");
        newPage.Set("titel", "Klyngeside om fyrtårnsmetoden")
            .Set("broedtekst", $"Fyrtårnsmetoden samler klyngeordet for alle noder.\n\n![Klyngebillede til testen](/medier/{mediaName})");
        var saved = await AdminPages.SubmitAsync(adminB, newPage, "gem");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var editUrl = saved.Headers.Location!.OriginalString.Split('?')[0];
        await PublishAsync(adminA, editUrl, form => { });
        await EventuallyAsync(async () => (await ClusterSite.SearchTitlesAsync(anonymousB, "klyngeordet")).Contains("Klyngeside om fyrtårnsmetoden"),
            TimeSpan.FromSeconds(10), "B fandt ikke siden, der blev udgivet på A");
        Assert.Equal(HttpStatusCode.OK, (await anonymousB.GetAsync("/sider/klyngeside-om-fyrtaarnsmetoden")).StatusCode);
        await EventuallyAsync(async () => (await anonymousB.GetAsync($"/medier/{mediaName}")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "B viste ikke billedet på den offentlige side til anonyme");

        // 5. The last place of a course, asked for on A and B at the same moment: one gets it, one waits.
        using var services = ClusterSite.Services(_database.ConnectionString);
        var course = await CreateCourseAsync(services, places: 1);
        using var participantA = ClusterSite.Client(_a);
        using var participantB = ClusterSite.Client(_b);
        var pageA = await participantA.GetStringAsync($"/kurser/{course.Slug}");
        var pageB = await participantB.GetStringAsync($"/kurser/{course.Slug}");
        var results = await Task.WhenAll(
            SignUpAsync(participantA, course.Slug, pageA, "Deltager A"),
            SignUpAsync(participantB, course.Slug, pageB, "Deltager B"));
        // The answer to each sign-up is its receipt (confirmed or waiting), not a redirect.
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r));
        await using (var scope = services.CreateAsyncScope())
        {
            var statuses = await scope.ServiceProvider.GetRequiredService<RegistrationsDbContext>().Registrations.AsNoTracking()
                .Where(r => r.CourseId == course.Id).Select(r => r.Status).ToListAsync();
            Assert.Equal([RegistrationStatus.Confirmed, RegistrationStatus.Waiting], statuses.Order().ToList());
        }

        // 6. kill -9 B; publish on A while B is down; B finds it as soon as it answers again.
        _b.Kill();
        var (_, whileDown) = await AdminPages.OpenEditorAsync(adminA, "/admin/indhold/sider/ny");
        whileDown.Set("titel", "Nyhed mens B var nede").Set("broedtekst", "Nattevagtsordningen blev udgivet, mens B var nede.");
        var savedWhileDown = await AdminPages.SubmitAsync(adminA, whileDown, "gem");
        Assert.Equal(HttpStatusCode.Redirect, savedWhileDown.StatusCode);
        await PublishAsync(adminA, savedWhileDown.Headers.Location!.OriginalString.Split('?')[0], form => { });
        _b.Start();
        await _b.WaitUntilReadyAsync(StartLimit);
        Assert.Contains("Nyhed mens B var nede", await ClusterSite.SearchTitlesAsync(anonymousB, "nattevagtsordningen"));

        // 7. Staff-only on A: within a second no anonymous route on B shows it (page, search, snippet, autocomplete, media).
        Assert.Contains("klyngeordet", await AutocompleteAsync(anonymousB, "klyngeor"));
        await PublishAsync(adminA, editUrl, form => form.Set("adgang", nameof(Audience.Medarbejder)));
        var watch = Stopwatch.StartNew();
        var shown = await HiddenFromAnonymousAsync(anonymousB, mediaName, TimeSpan.FromSeconds(1));
        Assert.True(shown.Count == 0, $"Efter {watch.ElapsedMilliseconds} ms viste B stadig siden for anonyme: {string.Join(", ", shown)}");
        // Staff still find it on B.
        Assert.Contains("Klyngeside om fyrtårnsmetoden", await ClusterSite.SearchTitlesAsync(adminB, "klyngeordet"));
    }

    /// <summary>Polls B's anonymous routes until none shows the item or the time is up; returns the routes that still show it.</summary>
    private static async Task<List<string>> HiddenFromAnonymousAsync(HttpClient anonymous, string mediaName, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var shown = new List<string>();
            if ((await anonymous.GetAsync("/sider/klyngeside-om-fyrtaarnsmetoden")).StatusCode != HttpStatusCode.NotFound) shown.Add("siden");
            var search = await anonymous.GetStringAsync("/api/search?q=klyngeordet");
            if (search.Contains("Klyngeside", StringComparison.Ordinal) || search.Contains("klyngeord", StringComparison.OrdinalIgnoreCase))
                shown.Add("søgning/uddrag");
            if ((await AutocompleteAsync(anonymous, "klyngeor")).Count > 0) shown.Add("autoudfyld");
            if ((await anonymous.GetAsync($"/medier/{mediaName}")).StatusCode != HttpStatusCode.NotFound) shown.Add("billedet");
            if (shown.Count == 0 || deadline.Elapsed > limit) return shown;
            await Task.Delay(50);
        }
    }

    private static async Task<List<string>> AutocompleteAsync(HttpClient client, string prefix)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/autocomplete?q={Uri.EscapeDataString(prefix)}"));
        return [.. json.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.ToString())];
    }

    /// <summary>Opens the item's editor, lets the caller change the form, and publishes it.</summary>
    private static async Task PublishAsync(HttpClient client, string editUrl, Action<FormData> change)
    {
        var (_, form) = await AdminPages.OpenEditorAsync(client, editUrl);
        change(form);
        var response = await AdminPages.SubmitAsync(client, form, "udgiv");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Udgivelsen gav {(int)response.StatusCode}: {SiteFactory.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".error-summary, .publish-warnings")?.TextContent}");
    }

    private static async Task<HttpStatusCode> SignUpAsync(HttpClient client, string slug, string page, string name)
    {
        var form = SiteFactory.Parse(page).QuerySelector("form.sign-up-form") as IHtmlFormElement
                   ?? throw new InvalidOperationException($"/kurser/{slug} har ingen tilmeldingsformular.");
        var response = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = name,
            ["Form.Email"] = $"{name.Replace(' ', '.').ToLowerInvariant()}@eksempel.dk",
            ["Form.Phone"] = "",
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(page),
        }));
        return response.StatusCode;
    }

    private static async Task<ContentItem> CreateCourseAsync(IServiceProvider services, int places)
    {
        var start = Danish.ToLocal(DateTime.UtcNow).Date.AddDays(20);
        var draft = new ContentDraft
        {
            Type = "Course",
            Title = "Klyngekursus " + Guid.NewGuid().ToString("N")[..8],
            Summary = "Et kursus med én plads.",
            Body = "Vi prøver tilmelding fra to servere.",
            Fields = new JsonObject
            {
                ["semester"] = "foraar-2027",
                ["courseAudience"] = new JsonArray("Borgere"),
                ["sessions"] = new JsonArray(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 17:00-19:00"),
                ["place"] = "Psykiatriens Hus",
                ["places"] = places,
            },
        };
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ContentStore>();
        var created = await store.CreateAsync(draft, "test");
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        return await store.PublishAsync(created.Item!.Id);
    }

    /// <summary>Waits (bounded) for something another node does asynchronously.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan limit, string failure)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < limit, $"{failure} inden for {limit.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
