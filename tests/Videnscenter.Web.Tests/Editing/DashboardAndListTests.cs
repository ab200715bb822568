using Videnscenter.Content.Items;

namespace Videnscenter.Web.Tests.Editing;

[Collection(AdminCollection.Name)]
public sealed class DashboardAndListTests(AdminSite admin)
{
    private static ContentDraft Method(string title, string lastReviewed) => new()
    {
        Type = "Method", Title = title, Fields = new() { ["purpose"] = "At hjælpe.", ["lastReviewed"] = lastReviewed },
    };

    [Fact]
    public async Task The_dashboard_lists_waiting_drafts_recent_changes_and_content_not_reviewed_for_a_year()
    {
        var waiting = await admin.CreateAsync(Method("Ventende metode", "2026-11-01"));
        var live = await admin.CreateAsync(Method("Udgivet metode med ny kladde", "2026-11-01"), publish: true);
        await admin.WithStoreAsync(s => s.SaveAsync(live.Id, live.VersionId, ContentDraft.From(live) with { Summary = "Nyt resumé." }, "test"));
        var old = DateTime.UtcNow.AddMonths(-14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var stale = await admin.CreateAsync(Method("Gammel metode", old), publish: true);
        var fresh = await admin.CreateAsync(Method("Frisk metode", DateTime.UtcNow.AddMonths(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), publish: true);

        var page = await AdminPages.GetAsync(admin.Editor, "/admin");
        var sections = page.QuerySelectorAll("main section").ToDictionary(s => s.QuerySelector("h2")!.Id!, s => s);

        var waitingRows = sections["waiting-heading"].QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(waitingRows, r => r.Contains("Ventende metode") && r.Contains("Kladde"));
        Assert.Contains(waitingRows, r => r.Contains("Udgivet metode med ny kladde") && r.Contains("Udgivet med ny kladde"));
        Assert.DoesNotContain(waitingRows, r => r.Contains("Frisk metode"));
        Assert.NotNull(sections["waiting-heading"].QuerySelector($"a[href='/admin/indhold/metoder/{waiting.Id}']"));

        var recent = sections["recent-heading"].QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(recent, r => r.Contains("Frisk metode"));

        var due = sections["due-heading"];
        Assert.NotNull(due.QuerySelector($"a[href='/admin/indhold/metoder/{stale.Id}']"));
        Assert.Null(due.QuerySelector($"a[href='/admin/indhold/metoder/{fresh.Id}']"));
        // Seed profiles confirmed in the autumn of 2025 are overdue by their «Sidst bekræftet».
        Assert.Contains("Sidst bekræftet:", due.TextContent);
    }

    [Fact]
    public async Task The_list_filters_sorts_pages_and_shows_status_in_Danish()
    {
        var draft = await admin.CreateAsync(new ContentDraft { Type = "Page", Title = "Listeside kladde" });
        var archived = await admin.CreateAsync(new ContentDraft { Type = "Page", Title = "Listeside arkiveret" }, publish: true);
        await admin.WithStoreAsync(async s => { await s.ArchiveAsync(archived.Id); return 0; });

        var filtered = await AdminPages.GetAsync(admin.Admin, "/admin/indhold/sider?q=listeside&sorter=titel");
        var rows = filtered.QuerySelectorAll("table.admin-table tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Listeside arkiveret", rows[0].TextContent);
        Assert.Contains("Arkiveret", rows[0].QuerySelector(".status")!.TextContent);
        Assert.Contains("Listeside kladde", rows[1].TextContent);
        Assert.Equal("Kladde", rows[1].QuerySelector(".status")!.TextContent);
        Assert.Equal("2 sider", filtered.QuerySelector("[role=status]")!.TextContent.Trim()); // the section's own noun
        Assert.Equal("ascending", filtered.QuerySelector("th[aria-sort]")!.GetAttribute("aria-sort"));

        // About forty courses: two pages of 25, sorted by title in Danish order (each row's first link is
        // its title; courses also link their participant list).
        var first = await AdminPages.GetAsync(admin.Admin, "/admin/indhold/kurser?sorter=titel");
        var titles = first.QuerySelectorAll("table.admin-table tbody tr td:first-child > a:first-child").Select(a => a.TextContent).ToList();
        Assert.Equal(25, titles.Count);
        Assert.Equal(titles.Order(Videnscenter.Content.Danish.Sort), titles);
        // Other tests add drafts to some courses; every status is one of the four Danish words.
        var statuses = first.QuerySelectorAll("table.admin-table tbody .status").Select(s => s.TextContent).ToList();
        Assert.All(statuses, s => Assert.Contains(s, new[] { "Kladde", "Udgivet", "Udgivet med ny kladde", "Arkiveret" }));
        Assert.Contains("Udgivet", statuses);
        var next = first.QuerySelector("nav.pager a[href='/admin/indhold/kurser?sorter=titel&side=2']");
        Assert.NotNull(next);
        var second = await AdminPages.GetAsync(admin.Admin, "/admin/indhold/kurser?sorter=titel&side=2");
        var more = second.QuerySelectorAll("table.admin-table tbody tr td:first-child > a:first-child").Select(a => a.TextContent).ToList();
        Assert.NotEmpty(more);
        Assert.Empty(more.Intersect(titles));
        Assert.StartsWith("Viser 26-", second.QuerySelector("[role=status]")!.TextContent.Trim());

        // Names the type by section or by type name; an unknown type is 404.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.Admin.GetAsync("/admin/indhold/Course")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.Admin.GetAsync("/admin/indhold/findes-ikke")).StatusCode);
        Assert.NotNull(draft);
    }
}
