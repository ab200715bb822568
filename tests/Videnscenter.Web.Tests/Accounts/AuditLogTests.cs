using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Content.Storage;
using Videnscenter.Content.Tests.Harness;
using Videnscenter.Web.Accounts.Audit;
using Videnscenter.Web.Tests.Harness;
using Videnscenter.Web.Tests.Hosting;

namespace Videnscenter.Web.Tests.Accounts;

/// <summary>Who did what to which item and when, and the /admin/log page that shows it.</summary>
[Collection(SharedSiteCollection.Name)]
public sealed class AuditLogTests(SecuritySite site)
{
    private static ContentDraft Page(string title) => new() { Type = "Page", Title = title, Body = "Tekst." };

    private Task<List<AuditEntry>> EntriesAsync(Guid itemId) => site.InScopeAsync(sp =>
        sp.GetRequiredService<AuditDbContext>().Entries.Where(e => e.ItemId == itemId).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task Every_content_action_is_logged_with_the_acting_user()
    {
        var created = (await site.WithStoreAsync(s => s.CreateAsync(Page("Logbog for gåture"), "anna"))).Item!;
        var saved = (await site.WithStoreAsync(s => s.SaveAsync(created.Id, created.VersionId, Page("Logbog for gåture, ny"), "bent"))).Item!;
        await site.WithStoreAsync(s => s.PublishAsync(created.Id, actor: "carl"));
        await site.WithStoreAsync(async s => { await s.UnpublishAsync(created.Id, actor: "dorte"); return 0; });
        await site.WithStoreAsync(s => s.RestoreAsync(created.Id, 1, "erik"));
        await site.WithStoreAsync(async s => { await s.ArchiveAsync(created.Id, actor: "frida"); return 0; });

        var entries = await EntriesAsync(created.Id);
        Assert.Equal(
            [
                (nameof(AuditAction.ContentCreated), "anna", "Logbog for gåture"),
                (nameof(AuditAction.ContentSaved), "bent", "Logbog for gåture, ny"),
                (nameof(AuditAction.ContentPublished), "carl", "Logbog for gåture, ny"),
                (nameof(AuditAction.ContentUnpublished), "dorte", "Logbog for gåture, ny"),
                (nameof(AuditAction.ContentRestored), "erik", "Logbog for gåture"),
                (nameof(AuditAction.ContentArchived), "frida", "Logbog for gåture"),
            ],
            entries.Select(e => (e.Action, e.Actor, e.Target)));
        Assert.All(entries, e => Assert.Equal("Page", e.ItemType));
        Assert.Equal("Side, version 2, synlig for: Offentlig", entries[2].Details);
        Assert.Contains("version 3", entries[4].Details, StringComparison.Ordinal);
        Assert.Equal(2, saved.VersionNumber);
    }

    [Fact]
    public async Task Calls_without_an_actor_are_logged_as_system()
    {
        var created = (await site.WithStoreAsync(s => s.CreateAsync(Page("Systemets side"), "anna"))).Item!;
        await site.WithStoreAsync(s => s.PublishAsync(created.Id));
        Assert.Equal("system", (await EntriesAsync(created.Id))[^1].Actor);
    }

    [Fact]
    public async Task A_change_without_an_actor_in_a_signed_in_request_is_the_signed_in_users()
    {
        var created = (await site.WithStoreAsync(s => s.CreateAsync(Page("Uden navngivet aktør"), "anna"))).Item!;
        await site.InScopeAsync(async sp =>
        {
            var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "redaktør.rita")], "Test"));
            var http = new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = user } };
            var logger = new AuditLogger(new AuditLog(sp.GetRequiredService<AuditDbContext>(), http),
                sp.GetRequiredService<Videnscenter.Content.Definitions.SchemaStore>(), http);
            await logger.HandleAsync(new ContentEvent(ContentEventKind.Published, created), default);
            await logger.HandleAsync(new ContentEvent(ContentEventKind.Archived, created, "navngivet"), default);
            return 0;
        });
        var entries = await EntriesAsync(created.Id);
        Assert.Equal("redaktør.rita", entries[^2].Actor);
        Assert.Equal("navngivet", entries[^1].Actor);
    }

    [Fact]
    public async Task Saving_a_draft_does_not_touch_the_search_index()
    {
        var created = (await site.WithStoreAsync(s => s.CreateAsync(Page("Kladde om kolibrifugle"), "anna"))).Item!;
        await site.WithStoreAsync(s => s.PublishAsync(created.Id));
        var latest = (await site.WithStoreAsync(s => s.GetLatestAsync(created.Id)))!;
        await site.WithStoreAsync(s => s.SaveAsync(created.Id, latest.VersionId, Page("Kladde om kolibrifugle, ændret"), "anna"));
        var api = JsonNode.Parse(await site.Client().GetStringAsync("/api/search?q=kolibrifugle"))!;
        Assert.Equal(1, api["total"]!.GetValue<int>());
        Assert.Equal("Kladde om kolibrifugle", api["hits"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_log_page_filters_by_user_action_text_and_date_newest_first()
    {
        var unique = $"filtrering-{Guid.NewGuid():N}"[..20];
        var first = (await site.WithStoreAsync(s => s.CreateAsync(Page($"{unique} en"), "gitte.filter"))).Item!;
        await site.WithStoreAsync(s => s.PublishAsync(first.Id, actor: "gitte.filter"));
        await site.WithStoreAsync(s => s.CreateAsync(Page($"{unique} to"), "hans.filter"));
        var admin = await site.SignedInAsync();

        async Task<List<string[]>> RowsAsync(string query)
        {
            var document = SiteFactory.Parse(await admin.GetStringAsync("/admin/log" + query));
            return document.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        }

        var byText = await RowsAsync($"?tekst={unique.ToUpperInvariant()}");
        Assert.Equal(3, byText.Count);
        Assert.Equal(["hans.filter", "Oprettede indhold", $"{unique} to"], byText[0][1..4]); // newest first
        Assert.Equal(["gitte.filter", "Udgav", $"{unique} en"], byText[1][1..4]);

        var byUser = await RowsAsync($"?tekst={unique}&bruger=GITTE");
        Assert.Equal(2, byUser.Count);
        Assert.All(byUser, r => Assert.Equal("gitte.filter", r[1]));

        var byAction = await RowsAsync($"?tekst={unique}&handling={nameof(AuditAction.ContentPublished)}");
        Assert.Equal("Udgav", Assert.Single(byAction)[2]);

        var today = Danish.ToLocal(DateTime.UtcNow);
        Assert.Equal(3, (await RowsAsync($"?tekst={unique}&fra={today:yyyy-MM-dd}&til={today:yyyy-MM-dd}")).Count);
        Assert.Empty(await RowsAsync($"?tekst={unique}&til={today.AddDays(-1):yyyy-MM-dd}"));
        Assert.Empty(await RowsAsync($"?tekst={unique}&fra={today.AddDays(1):yyyy-MM-dd}"));

        // The filters stay in the form.
        var form = SiteFactory.Parse(await admin.GetStringAsync($"/admin/log?tekst={unique}&bruger=gitte&handling=ContentPublished"));
        Assert.Equal(unique, form.QuerySelector("#tekst")!.GetAttribute("value"));
        Assert.Equal("gitte", form.QuerySelector("#bruger")!.GetAttribute("value"));
        Assert.Equal("ContentPublished", form.QuerySelector("#handling option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Bad_filters_get_a_Danish_message_and_keep_what_was_typed()
    {
        var admin = await site.SignedInAsync();
        var document = SiteFactory.Parse(await admin.GetStringAsync("/admin/log?fra=i-går&til=2026-01-01&handling=Slettede"));
        Assert.Contains("skal være en dato", document.QuerySelector("#fra-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", document.QuerySelector("#fra")!.GetAttribute("aria-invalid"));
        Assert.Equal("i-går", document.QuerySelector("#fra")!.GetAttribute("value"));
        Assert.Contains("Vælg en handling", document.QuerySelector("#handling-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("[role=alert]"));
        Assert.Empty(document.QuerySelectorAll("tbody tr"));

        var reversed = SiteFactory.Parse(await admin.GetStringAsync("/admin/log?fra=2026-05-02&til=2026-05-01"));
        Assert.Contains("samme dag som eller efter", reversed.QuerySelector("#til-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_pages_through_many_entries()
    {
        var unique = $"sider-{Guid.NewGuid():N}"[..14];
        await site.InScopeAsync(async sp =>
        {
            var log = sp.GetRequiredService<AuditLog>();
            for (var i = 1; i <= 120; i++) await log.WriteAsync(AuditAction.RolesChanged, "pager", $"{unique}-{i:000}");
            return 0;
        });
        var admin = await site.SignedInAsync();
        var page1 = SiteFactory.Parse(await admin.GetStringAsync($"/admin/log?tekst={unique}"));
        Assert.Equal(50, page1.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("120 hændelser", page1.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"{unique}-120", page1.QuerySelector("tbody tr td:nth-child(4)")!.TextContent.Trim());
        var next = page1.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.Equal($"/admin/log?tekst={unique}&side=2", next);

        var page3 = SiteFactory.Parse(await admin.GetStringAsync($"/admin/log?tekst={unique}&side=3"));
        Assert.Equal(20, page3.QuerySelectorAll("tbody tr").Length);
        Assert.Equal($"{unique}-001", page3.QuerySelectorAll("tbody tr td:nth-child(4)").Last().TextContent.Trim());
        Assert.Null(page3.QuerySelector("a[rel=next]"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/admin/log?tekst={unique}&side=999")).StatusCode);
    }
}

/// <summary>The audit log's own table and migration, on SQLite and (with ./test.sh) PostgreSQL.</summary>
public sealed class AuditStoreTests
{
    [Theory, MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_migration_creates_the_table_and_queries_work(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var builder = new DbContextOptionsBuilder<AuditDbContext>();
        builder.Use(database.ConnectionString, AuditDbContext.HistoryTable);
        var options = builder.Options;
        await using (var db = new AuditDbContext(options))
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        await using (var db = new AuditDbContext(options))
        {
            var log = new AuditLog(db, new HttpContextAccessor());
            var item = Guid.NewGuid();
            await log.WriteAsync(AuditAction.ContentCreated, "Åse", "Æbler og Øl", "Side, version 1", item, "Page");
            await log.WriteAsync(AuditAction.ContentPublished, "åse", "Æbler og Øl", "Side, version 1", item, "Page");
            await log.WriteAsync(AuditAction.SignInFailed, "ukendt", "ukendt");

            var all = await log.SearchAsync(new AuditQuery());
            Assert.Equal(3, all.Total);
            Assert.Equal([nameof(AuditAction.SignInFailed), nameof(AuditAction.ContentPublished), nameof(AuditAction.ContentCreated)],
                all.Entries.Select(e => e.Action));
            Assert.All(all.Entries, e => Assert.Equal(DateTimeKind.Utc, e.WhenUtc.Kind));
            Assert.Equal(item, all.Entries[1].ItemId);

            // Case-insensitive on both databases, Danish letters included.
            Assert.Equal(2, (await log.SearchAsync(new AuditQuery { User = "ÅSE" })).Total);
            Assert.Equal(2, (await log.SearchAsync(new AuditQuery { Text = "æbler og ø" })).Total);
            Assert.Equal(1, (await log.SearchAsync(new AuditQuery { Action = AuditAction.ContentPublished, User = "åse" })).Total);
            var today = DateOnly.FromDateTime(Danish.ToLocal(DateTime.UtcNow));
            Assert.Equal(3, (await log.SearchAsync(new AuditQuery { From = today, To = today })).Total);
            Assert.Equal(0, (await log.SearchAsync(new AuditQuery { From = today.AddDays(1) })).Total);
            var paged = await log.SearchAsync(new AuditQuery { PageSize = 2, Page = 2 });
            Assert.Equal(nameof(AuditAction.ContentCreated), Assert.Single(paged.Entries).Action);
            Assert.Equal(2, paged.PageCount);
        }
    }
}
