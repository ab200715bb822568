using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content.Items;
using Videnscenter.Content.Tests.Harness;

namespace Videnscenter.Content.Tests.Items;

/// <summary>The store's behaviour, run on SQLite and on PostgreSQL alike.</summary>
public sealed class ContentStoreTests
{
    private static ContentDraft Method(string title, string purpose = "At styrke borgerens egen motivation.", Audience? audience = null) => new()
    {
        Type = "Method",
        Title = title,
        Summary = "En samtalemetode.",
        Body = "Brødtekst om metoden.",
        Audience = audience,
        Departments = ["mestringsvejledning"],
        Fields = new JsonObject { ["purpose"] = purpose, ["lastReviewed"] = "2026-05-01" },
    };

    [Theory, MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_draft_may_leave_required_fields_empty_but_cannot_be_published_so(DatabaseKind kind)
    {
        await using var host = await ContentHost.StartAsync(kind);
        var draft = Method("Halvfærdig") with { Fields = new JsonObject { ["purpose"] = "  " } };
        var created = await host.StoreAsync(s => s.CreateAsync(draft, "redaktør"));
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));

        var refused = await Assert.ThrowsAsync<ContentIncompleteException>(() => host.StoreAsync(s => s.PublishAsync(created.Item!.Id)));
        Assert.Equal(["«Formål» skal udfyldes.", "«Sidst gennemgået» skal udfyldes."], refused.Errors.Select(e => e.Message));
        Assert.Null(await host.StoreAsync(s => s.GetPublishedAsync("Method", "halvfaerdig", Audience.Medarbejder)));

        var complete = await host.StoreAsync(s => s.SaveAsync(created.Item!.Id, created.Item.VersionId, Method("Halvfærdig"), "redaktør"));
        await host.StoreAsync(s => s.PublishAsync(complete.Item!.Id));
        Assert.NotNull(await host.StoreAsync(s => s.GetPublishedAsync("Method", "halvfaerdig", Audience.Medarbejder)));
    }

    [Theory, MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Draft_publish_edit_publish_restore_shows_the_right_version_at_each_step(DatabaseKind kind)
    {
        await using var host = await ContentHost.StartAsync(kind);
        async Task<string?> Live() => (await host.StoreAsync(s => s.GetPublishedAsync("Method", "motiverende-interview", Audience.Offentlig)))?.Title;

        var created = await host.StoreAsync(s => s.CreateAsync(Method("Motiverende Interview"), "redaktør"));
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        Assert.Null(await Live()); // a draft is not on the site

        await host.StoreAsync(s => s.PublishAsync(created.Item!.Id));
        Assert.Equal("Motiverende Interview", await Live());

        var draft2 = Method("Motiverende Interview (MI)") with { Slug = "motiverende-interview" };
        var v2 = await host.StoreAsync(s => s.SaveAsync(created.Item!.Id, created.Item.VersionId, draft2, "redaktør"));
        Assert.True(v2.Succeeded, string.Join(" ", v2.Errors));
        Assert.Equal(2, v2.Item!.VersionNumber);
        Assert.Equal("Motiverende Interview", await Live()); // the new draft is not live yet

        await host.StoreAsync(s => s.PublishAsync(created.Item!.Id));
        Assert.Equal("Motiverende Interview (MI)", await Live());

        var restored = await host.StoreAsync(s => s.RestoreAsync(created.Item!.Id, 1, "redaktør"));
        Assert.True(restored.Succeeded);
        Assert.Equal(3, restored.Item!.VersionNumber);
        Assert.Equal("Motiverende Interview (MI)", await Live()); // restoring makes a draft
        await host.StoreAsync(s => s.PublishAsync(created.Item!.Id));
        Assert.Equal("Motiverende Interview", await Live());

        var history = await host.StoreAsync(s => s.HistoryAsync(created.Item!.Id));
        Assert.Equal([3, 2, 1], history.Select(h => h.VersionNumber));
        Assert.Single(history, h => h.IsPublishedVersion);
        Assert.Single(history, h => h.IsLatestVersion);
    }

    [Theory, MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_second_save_from_the_same_version_is_refused_and_overwrites_nothing(DatabaseKind kind)
    {
        await using var host = await ContentHost.StartAsync(kind);
        var created = await host.StoreAsync(s => s.CreateAsync(Method("NADA"), "anne"));
        var baseVersion = created.Item!.VersionId;

        var first = await host.StoreAsync(s => s.SaveAsync(created.Item.Id, baseVersion, Method("NADA", "Annes formål."), "anne"));
        var second = await host.StoreAsync(s => s.SaveAsync(created.Item.Id, baseVersion, Method("NADA", "Bos formål."), "bo"));

        Assert.True(first.Succeeded);
        Assert.False(second.Succeeded);
        Assert.True(second.Conflict);
        Assert.Contains("anne gemte en nyere version (version 2)", second.Errors.Single().Message);
        Assert.Contains("Intet er overskrevet", second.Errors.Single().Message);
        var latest = await host.StoreAsync(s => s.GetLatestAsync(created.Item.Id));
        Assert.Equal("Annes formål.", latest!.Text("purpose"));
        Assert.Equal(2, latest.VersionNumber);
    }

    [Theory, MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Simultaneous_saves_from_the_same_version_let_exactly_one_win(DatabaseKind kind)
    {
        await using var host = await ContentHost.StartAsync(kind);
        var created = await host.StoreAsync(s => s.CreateAsync(Method("IPS"), "anne"));
        var saves = Enumerable.Range(0, 6).Select(n => Task.Run(() => host.StoreAsync(s =>
            s.SaveAsync(created.Item!.Id, created.Item.VersionId, Method("IPS", $"Formål {n}."), $"redaktør{n}"))));
        var results = await Task.WhenAll(saves);

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.True(r.Conflict));
        var history = await host.StoreAsync(s => s.HistoryAsync(created.Item!.Id));
        Assert.Equal(2, history.Count);
    }

    [Theory, MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Readers_see_only_items_at_or_below_their_audience(DatabaseKind kind)
    {
        await using var host = await ContentHost.StartAsync(kind);
        var internalItem = await host.StoreAsync(s => s.CreateAsync(Method("Intern arbejdsgang", audience: Audience.Medarbejder), "r"));
        var volunteerItem = await host.StoreAsync(s => s.CreateAsync(Method("For frivillige", audience: Audience.Frivillig), "r"));
        await host.StoreAsync(s => s.PublishAsync(internalItem.Item!.Id));
        await host.StoreAsync(s => s.PublishAsync(volunteerItem.Item!.Id));

        Assert.Null(await host.StoreAsync(s => s.GetPublishedAsync("Method", "intern-arbejdsgang", Audience.Frivillig)));
        Assert.NotNull(await host.StoreAsync(s => s.GetPublishedAsync("Method", "intern-arbejdsgang", Audience.Medarbejder)));
        Assert.Empty(await host.StoreAsync(s => s.ListPublishedAsync("Method", Audience.Offentlig)));
        Assert.Equal(["For frivillige"], (await host.StoreAsync(s => s.ListPublishedAsync("Method", Audience.Frivillig))).Select(i => i.Title));
        Assert.Equal(2, (await host.StoreAsync(s => s.ListPublishedAsync("Method", Audience.Medarbejder))).Count);
    }

    [Theory, MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Publish_unpublish_and_archive_raise_events_and_take_the_item_off_the_site(DatabaseKind kind)
    {
        await using var host = await ContentHost.StartAsync(kind);
        var a = await host.StoreAsync(s => s.CreateAsync(Method("ACT"), "r"));
        var b = await host.StoreAsync(s => s.CreateAsync(Method("MOVE"), "r"));
        await host.StoreAsync(s => s.PublishAsync(a.Item!.Id));
        await host.StoreAsync(s => s.PublishAsync(b.Item!.Id));
        await host.InScopeAsync(async sp => { await sp.GetRequiredService<ContentStore>().UnpublishAsync(a.Item!.Id); return 0; });
        await host.InScopeAsync(async sp => { await sp.GetRequiredService<ContentStore>().ArchiveAsync(b.Item!.Id); return 0; });

        Assert.Equal(
            [(ContentEventKind.Published, "ACT"), (ContentEventKind.Published, "MOVE"), (ContentEventKind.Unpublished, "ACT"), (ContentEventKind.Archived, "MOVE")],
            host.Events.Events.Where(e => e.Kind is ContentEventKind.Published or ContentEventKind.Unpublished or ContentEventKind.Archived)
                .Select(e => (e.Kind, e.Item.Title)));
        Assert.Empty(await host.StoreAsync(s => s.ListPublishedAsync("Method", Audience.Medarbejder)));
        Assert.Equal(ContentStatus.Archived, (await host.StoreAsync(s => s.GetLatestAsync(b.Item!.Id)))!.Status);
        Assert.Equal(ContentStatus.Draft, (await host.StoreAsync(s => s.GetLatestAsync(a.Item!.Id)))!.Status);
    }

    [Theory, MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Invalid_drafts_are_refused_with_Danish_messages_naming_the_field(DatabaseKind kind)
    {
        await using var host = await ContentHost.StartAsync(kind);
        var course = new ContentDraft
        {
            Type = "Course",
            Title = "Søvn og hverdagsrytme",
            Fields = new JsonObject
            {
                ["semester"] = "foraar-2099",
                ["courseAudience"] = new JsonArray("Borgere", "Katte"),
                ["sessions"] = new JsonArray("2027-02-30 17:00-19:00"),
                ["places"] = "mange",
                ["teachers"] = new JsonArray("findes-ikke"),
                ["link"] = "javascript:alert(1)",
            },
        };
        var result = await host.StoreAsync(s => s.CreateAsync(course, "r"));

        Assert.False(result.Succeeded);
        var messages = result.Errors.ToDictionary(e => e.Field, e => e.Message);
        Assert.Equal("«Semester»: «foraar-2099» findes ikke i «Semestre».", messages["semester"]);
        Assert.Contains("«Katte» er ikke et af valgene", messages["courseAudience"]);
        Assert.Contains("er ikke et gyldigt tidsrum", messages["sessions"]);
        Assert.Equal("«Antal pladser» skal være et tal.", messages["places"]);
        Assert.Contains("«Undervisere»: der findes ikke noget indhold med adressen «findes-ikke»", messages["teachers"]);
        // Required fields are checked when publishing, not when saving a draft.
        Assert.False(messages.ContainsKey("place"));
        Assert.Contains("har ikke et felt, der hedder «link»", messages["link"]);
        Assert.Empty(await host.StoreAsync(s => s.ListLatestAsync("Course")));
    }

    [Theory, MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Slugs_are_unique_per_type_and_references_resolve_by_slug(DatabaseKind kind)
    {
        await using var host = await ContentHost.StartAsync(kind);
        var first = await host.StoreAsync(s => s.CreateAsync(Method("Motiverende Interview"), "r"));
        var duplicate = await host.StoreAsync(s => s.CreateAsync(Method("Motiverende interview"), "r"));
        Assert.True(first.Succeeded);
        Assert.Equal("Adressen «motiverende-interview» bruges allerede af en anden metode. Vælg en anden.",
            Assert.Single(duplicate.Errors).Message);

        var partner = await host.StoreAsync(s => s.CreateAsync(new ContentDraft
        {
            Type = "Partner",
            Title = "SIND Randers",
            Fields = new JsonObject { ["partnerType"] = "forening", ["methods"] = new JsonArray("motiverende-interview") },
        }, "r"));
        Assert.True(partner.Succeeded, string.Join(" ", partner.Errors));
        Assert.Equal("Forening", partner.Item!.Text("partnerType"));
        Assert.Equal(first.Item!.Id, Assert.Single(partner.Item.References("methods")).Id);

        await host.StoreAsync(s => s.PublishAsync(partner.Item.Id));
        var backlinks = await host.StoreAsync(s => s.GetPublishedReferencingAsync(first.Item.Id, Audience.Offentlig));
        Assert.Equal("SIND Randers", Assert.Single(backlinks).Title);
    }
}
