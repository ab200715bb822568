using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Videnscenter.Content.Items;
using Videnscenter.Web.Recoveryskolen;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Recoveryskolen;

/// <summary>A clock the test sets.</summary>
public sealed class TestClock(DateTime utcNow) : TimeProvider
{
    public DateTime UtcNow { get; set; } = utcNow;
    public override DateTimeOffset GetUtcNow() => new(UtcNow, TimeSpan.Zero);
}

/// <summary>Sign-ups are deleted 30 days after the course's last session, not a minute before.</summary>
public sealed class CleanupTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private async Task<int> PurgeAtAsync(DateTime utcNow)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var cleanup = new RegistrationCleanup(sp.GetRequiredService<RegistrationStore>(), sp.GetRequiredService<ContentStore>(),
            new TestClock(utcNow), NullLogger<RegistrationCleanup>.Instance);
        return await cleanup.PurgeAsync();
    }

    [Fact]
    public async Task Sign_ups_are_deleted_30_days_after_the_last_session_ends()
    {
        var course = await Courses.CreateAsync(site, places: 1, daysFromNow: 5, sessions: 2);
        var other = await Courses.CreateAsync(site, places: 1, daysFromNow: 60, sessions: 1);
        var client = site.Anonymous();
        var confirmed = await Courses.SignUpForLinkAsync(client, course.Slug, "Har Plads");
        var waiting = await Courses.SignUpForLinkAsync(client, course.Slug, "Står På Venteliste");
        var later = await Courses.SignUpForLinkAsync(client, other.Slug, "Senere Kursus");
        var lastEnd = new RegistrableItem(course).LastEndUtc!.Value;

        Assert.Equal(0, await PurgeAtAsync(lastEnd.AddDays(30).AddMinutes(-1)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(confirmed)).StatusCode);

        Assert.Equal(2, await PurgeAtAsync(lastEnd.AddDays(30)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(confirmed)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(waiting)).StatusCode);
        // The other course is not over yet.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(later)).StatusCode);
        // Its places are free again for the record: the course page counts nobody.
        Assert.Contains("1 ledig plads", await client.GetStringAsync($"/kurser/{course.Slug}"));
    }

    [Fact]
    public async Task When_an_editor_moves_the_sessions_later_the_deletion_waits_for_the_new_end()
    {
        var course = await Courses.CreateAsync(site, places: 3, daysFromNow: 5, sessions: 1);
        var client = site.Anonymous();
        var link = await Courses.SignUpForLinkAsync(client, course.Slug, "Flyttet Kursus");
        var originalEnd = new RegistrableItem(course).LastEndUtc!.Value;

        var draft = ContentDraft.From(course);
        draft.Fields["sessions"] = new System.Text.Json.Nodes.JsonArray(
            Videnscenter.Content.Danish.ToLocal(originalEnd).AddDays(40).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " 10:00-12:00");
        var saved = await site.WithStoreAsync(s => s.SaveAsync(course.Id, course.VersionId, draft, "redaktør"));
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors));
        await site.WithStoreAsync(s => s.PublishAsync(course.Id));

        Assert.Equal(0, await PurgeAtAsync(originalEnd.AddDays(31)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
    }
}
