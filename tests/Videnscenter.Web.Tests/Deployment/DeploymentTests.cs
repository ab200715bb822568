using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Content.Tests.Harness;
using Videnscenter.Media.Library;
using Videnscenter.Media.Tests.Harness;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Deployment;

/// <summary>
/// Content deployment through the admin page (/admin/udrulning): chosen items leave one seeded
/// site as a package with their files and arrive on another (SQLite, and PostgreSQL when ./test.sh
/// runs one): a new profile is created with its photo and its method reference, a changed method is
/// updated, and the same package imported again changes nothing. Hostile packages are refused.
/// </summary>
public sealed class DeploymentTests
{
    public static TheoryData<DatabaseKind> Targets => Databases.All;

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Chosen_items_move_to_another_site_with_their_files_and_a_second_import_changes_nothing(DatabaseKind target)
    {
        await using var source = new SiteFactory();
        await using var database = await TestDatabase.CreateAsync(target);
        await using var destination = new SiteOnDatabase(database.ConnectionString);

        // On the source: a new colleague with a photo who teaches MI, and a changed summary of MI.
        var photo = await UploadAsync(source, "ulla-portraet.png", TestFiles.Png(400, 300), "Ulla Udrulning ved sit skrivebord");
        var method = await source.WithStoreAsync(s => s.GetPublishedAsync("Method", "motiverende-interview", Audience.Medarbejder));
        var changed = await source.WithStoreAsync(s => s.SaveAsync(method!.Id, method.VersionId,
            ContentDraft.From(method) with { Summary = "Samtalemetode, der styrker borgerens egen motivation. Ændret på prøvesitet." }, "redaktør"));
        Assert.Empty(changed.Errors);
        await source.WithStoreAsync(s => s.PublishAsync(method!.Id));
        var created = await source.WithStoreAsync(s => s.CreateAsync(new ContentDraft
        {
            Type = "CompetenceProfile",
            Title = "Ulla Udrulning",
            Summary = "Ergoterapeut, der underviser i motiverende interview.",
            Fields = new JsonObject
            {
                ["jobTitle"] = "Ergoterapeut",
                ["lastConfirmed"] = "2026-12-01",
                ["photo"] = photo.Name,
                ["methods"] = new JsonArray(new JsonObject { ["id"] = method!.Id.ToString(), ["level"] = "Underviser i metoden" }),
            },
        }, "redaktør"));
        Assert.Empty(created.Errors);
        var profile = await source.WithStoreAsync(s => s.PublishAsync(created.Item!.Id));

        var package = await ExportAsync(await source.SignedInAsync(), profile.Id, method!.Id);
        using (var zip = new ZipArchive(new MemoryStream(package)))
        {
            Assert.Equal(["media/" + photo.Name, "recipe.json"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            var recipe = new StreamReader(zip.GetEntry("recipe.json")!.Open()).ReadToEnd();
            Assert.DoesNotContain(method!.Id.ToString(), recipe); // references travel as slugs, not ids
        }

        // On the destination: one created, one updated.
        var admin = await destination.SignedInAsync();
        var first = await ImportAsync(admin, package);
        Assert.True(first.QuerySelector("[role=status]")!.TextContent.Contains("1 oprettet, 1 opdateret, 0 uændret"), first.QuerySelector("main")!.TextContent);
        Assert.Null(first.QuerySelector(".error-summary"));
        var arrived = await destination.WithStoreAsync(s => s.GetPublishedAsync("CompetenceProfile", profile.Slug, Audience.Medarbejder));
        var localMethod = await destination.WithStoreAsync(s => s.GetPublishedAsync("Method", "motiverende-interview", Audience.Medarbejder));
        Assert.NotNull(arrived);
        Assert.Equal("Samtalemetode, der styrker borgerens egen motivation. Ændret på prøvesitet.", localMethod!.Summary);
        Assert.Equal(localMethod.Id, Assert.Single(arrived.References("methods")).Id);
        Assert.Equal("Underviser i metoden", arrived.References("methods")[0].Level);
        var library = destination.Services.GetRequiredService<MediaLibrary>();
        var arrivedPhoto = await library.FindAsync(arrived.Text("photo"));
        Assert.NotNull(arrivedPhoto);
        Assert.Equal("Ulla Udrulning ved sit skrivebord", arrivedPhoto.AltText);
        var photoResponse = await admin.GetAsync($"/medier/{arrivedPhoto.Name}");
        Assert.Equal(HttpStatusCode.OK, photoResponse.StatusCode);

        // Again: nothing changes, no new versions, no second copy of the photo.
        var filesBefore = (await library.ListAsync()).Count;
        var versionsBefore = (await destination.WithStoreAsync(s => s.HistoryAsync(localMethod.Id))).Count;
        var second = await ImportAsync(admin, package);
        Assert.Contains("0 oprettet, 0 opdateret, 2 uændret", second.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(filesBefore, (await library.ListAsync()).Count);
        Assert.Equal(versionsBefore, (await destination.WithStoreAsync(s => s.HistoryAsync(localMethod.Id))).Count);
    }

    [Fact]
    public async Task A_hostile_or_foreign_package_is_refused_with_a_danish_reason_and_nothing_changes()
    {
        await using var site = new SiteFactory();
        var admin = await site.SignedInAsync();
        var before = await site.WithStoreAsync(s => s.ListLatestAsync(null));

        var outside = Zip(("recipe.json", "{\"steps\":[]}"), ("../../udenfor.txt", "hej"));
        var refused = await ImportAsync(admin, outside);
        Assert.Equal("Pakken blev afvist, og intet er ændret.", refused.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("Pakken må kun have recipe.json og filer i mappen media/", refused.QuerySelector(".error-summary")!.TextContent);

        var roles = Zip(("recipe.json", "{\"steps\":[{\"name\":\"roles\",\"roles\":[{\"name\":\"Administrator\"}]}]}"));
        Assert.Contains("En udrulningspakke må kun indeholde indhold (trinnet «content»), men den har trinnet «roles»",
            (await ImportAsync(admin, roles)).QuerySelector(".error-summary")!.TextContent);

        var broken = Zip(("recipe.json", "{\n\"steps\": [\n  { \"name\": \"content\", \"items\": [ } ]\n}"));
        Assert.Contains("recipe.json:3: Filen er ikke gyldig JSON", (await ImportAsync(admin, broken)).QuerySelector(".error-summary")!.TextContent);

        var notZip = Encoding.UTF8.GetBytes("ikke en zip-fil");
        Assert.Contains("Filen er ikke en zip-fil", (await ImportAsync(admin, notZip)).QuerySelector(".error-summary")!.TextContent);

        var badItem = Zip(("recipe.json", "{\"steps\":[{\"name\":\"content\",\"update\":true,\"items\":[{\"type\":\"Method\",\"slug\":\"ny-metode\",\"title\":\"Ny metode\"}]}]}"));
        var page = await ImportAsync(admin, badItem);
        Assert.Contains("0 oprettet, 0 opdateret, 0 uændret, 1 kunne ikke importeres.", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("opskriftens indhold nr. 1 (Method «ny-metode»)", page.QuerySelector(".error-summary")!.TextContent);

        Assert.Equal(before.Count, (await site.WithStoreAsync(s => s.ListLatestAsync(null))).Count);
    }

    [Fact]
    public async Task The_page_is_for_administrators_only_and_an_empty_choice_is_explained()
    {
        await using var site = new SiteFactory();
        Assert.Equal(HttpStatusCode.Redirect, (await site.Anonymous().GetAsync("/admin/udrulning")).StatusCode);
        var admin = await site.SignedInAsync();
        var form = await admin.GetStringAsync("/admin/udrulning");
        var response = await admin.PostAsync("/admin/udrulning?handler=Export", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Vælg mindst én indholdstype eller ét indhold", SiteFactory.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".error-summary")!.TextContent);
    }

    private static async Task<MediaFile> UploadAsync(SiteFactory site, string name, byte[] content, string alt)
    {
        var library = site.Services.GetRequiredService<MediaLibrary>();
        var result = await library.UploadAsync(new MediaUpload(name, new MemoryStream(content), content.Length, alt), "redaktør");
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Message)));
        return result.File!;
    }

    private static async Task<byte[]> ExportAsync(HttpClient admin, params Guid[] items)
    {
        var form = await admin.GetStringAsync("/admin/udrulning");
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", SiteFactory.AntiforgeryToken(form)) };
        fields.AddRange(items.Select(id => new KeyValuePair<string, string>("Items", id.ToString())));
        var response = await admin.PostAsync("/admin/udrulning?handler=Export", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> ImportAsync(HttpClient admin, byte[] package)
    {
        var form = await admin.GetStringAsync("/admin/udrulning");
        var file = new ByteArrayContent(package);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(SiteFactory.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { file, "package", "udrulning.zip" },
        };
        var response = await admin.PostAsync("/admin/udrulning", content);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        return SiteFactory.Parse(html);
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        return buffer.ToArray();
    }

    /// <summary>The seeded site on a database of the test's choosing.</summary>
    private sealed class SiteOnDatabase(string connectionString) : SiteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Videnscenter", connectionString);
        }
    }
}
