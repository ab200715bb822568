using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Web.Recoveryskolen;
using Videnscenter.Web.Tests.Harness;
using Videnscenter.Web.Tests.Recoveryskolen;

namespace Videnscenter.Web.Tests.Events;

/// <summary>
/// Events marked «Kræver tilmelding» take sign-ups on their own page with Recoveryskolen's engine:
/// places, waiting list, the mails, duplicate refusal, honeypot, the participant list, closing at the start and deletion after.
/// </summary>
public sealed class EventSignUpTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    /// <summary>An event starting <paramref name="startsIn"/> from now (default two weeks), lasting two hours.</summary>
    private async Task<ContentItem> CreateEventAsync(int? places, string signUp = "Tilmelding", TimeSpan? startsIn = null)
    {
        var now = Danish.ToLocal(DateTime.UtcNow);
        var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Unspecified) + (startsIn ?? TimeSpan.FromDays(14));
        var fields = new JsonObject
        {
            ["when"] = new JsonArray(new DateTimeRange(start, start.AddHours(2)).ToJson()),
            ["place"] = "Psykiatriens Hus, salen",
            ["organiserText"] = "Center for Psykiatri",
            ["signUp"] = signUp,
        };
        if (places is { } p) fields["places"] = p;
        await using var scope = site.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ContentStore>();
        var created = await store.CreateAsync(new ContentDraft
        {
            Type = "Event",
            Title = "Temadag " + Guid.NewGuid().ToString("N")[..8],
            Summary = "En begivenhed til testene.",
            Body = "Vi mødes og taler sammen.",
            Fields = fields,
        }, "redaktør");
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Message)));
        return await store.PublishAsync(created.Item!.Id);
    }

    private async Task<List<CourseRegistration>> RegistrationsAsync(Guid eventId)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistrationsDbContext>().Registrations.AsNoTracking()
            .Where(r => r.CourseId == eventId).OrderBy(r => r.Number).ToListAsync();
    }

    private static async Task<string> MainTextAsync(HttpResponseMessage response) =>
        SiteFactory.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("main")!.TextContent;

    [Fact]
    public async Task An_event_that_needs_sign_up_takes_places_a_waiting_list_and_refuses_the_same_person_twice()
    {
        var item = await CreateEventAsync(places: 1);
        var page = $"/begivenheder/{item.Slug}";
        var client = site.Anonymous();
        var html = SiteFactory.Parse(await client.GetStringAsync(page));
        Assert.Contains("1 ledig plads", html.QuerySelector("main")!.TextContent);
        Assert.Equal($"/begivenheder/{item.Slug}/tilmeld", html.QuerySelector("form.sign-up-form")!.GetAttribute("action"));
        Assert.DoesNotContain("du skal ikke henvises", html.QuerySelector("main")!.TextContent);

        // A place, with the confirmation mail signed by Videnscenter and the times as .ics.
        var anna = $"anna-{Guid.NewGuid():N}@eksempel.dk";
        var first = await Courses.SignUpAtAsync(client, page, "Anna Holm", anna);
        var link = Courses.LinkOnReceipt(await first.Content.ReadAsStringAsync());
        Assert.Contains("Du har en plads på begivenheden", await MainTextAsync(first));
        var confirmation = Assert.Single(await site.MailsToAsync(anna, 1));
        Assert.Equal($"Du er tilmeldt: {item.Title}", confirmation.Subject);
        Assert.Contains("Videnscenter, Center for Psykiatri, Randers Kommune", confirmation.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Recoveryskolen", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Single(confirmation.Attachments.OfType<MimePart>(), a => a.ContentType.MimeType == "text/calendar");

        // The same address again: no second seat.
        var again = await Courses.SignUpAtAsync(client, page, "Anna Holm", anna.ToUpperInvariant());
        Assert.Contains("Du er allerede tilmeldt", await MainTextAsync(again));
        Assert.Contains("plads på begivenheden", await MainTextAsync(again));

        // The event is full: the next person waits.
        var bo = $"bo-{Guid.NewGuid():N}@eksempel.dk";
        var second = await Courses.SignUpAtAsync(client, page, "Bo Lund", bo);
        Assert.Contains("står på ventelisten som nummer 1", await MainTextAsync(second));

        // A robot filling the hidden field is refused.
        var form = await client.GetStringAsync(page);
        var robot = await client.PostAsync($"{page}/tilmeld", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "Robot", ["Form.Email"] = "robot@eksempel.dk", ["Form.Website"] = "http://spam.example",
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(form),
        }));
        Assert.Contains("kunne ikke modtages", await MainTextAsync(robot));

        var stored = await RegistrationsAsync(item.Id);
        Assert.Equal(new[] { RegistrationStatus.Confirmed, RegistrationStatus.Waiting }, stored.Select(r => r.Status));

        // Editors see both on the event's participant list.
        var editor = await site.SignedInAsync();
        var participants = await editor.GetStringAsync($"/admin/begivenheder/{item.Slug}/deltagere");
        Assert.Contains("Anna Holm", participants, StringComparison.Ordinal);
        Assert.Contains("Bo Lund", participants, StringComparison.Ordinal);
        Assert.Contains("1 af 1 pladser er taget", WebUtility.HtmlDecode(participants), StringComparison.Ordinal);

        // Anna cancels at her link; Bo moves up and is told so.
        var cancelForm = await client.GetStringAsync(link + "/afmeld");
        await client.PostAsync(link + "/afmeld", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(cancelForm),
        }));
        var mails = await site.MailsToAsync(bo, 2);
        Assert.Contains(mails, m => m.Subject == $"Du har fået en plads: {item.Title}");
        Assert.Contains(await site.MailsToAsync(anna, 2), m => m.Subject == $"Du er afmeldt: {item.Title}");
        Assert.Equal(RegistrationStatus.Confirmed, (await RegistrationsAsync(item.Id)).Single(r => r.Name == "Bo Lund").Status);
    }

    [Fact]
    public async Task Without_a_number_of_places_there_is_no_limit_and_an_open_event_takes_no_sign_ups()
    {
        var unlimited = await CreateEventAsync(places: null);
        var client = site.Anonymous();
        Assert.Contains("Åben for tilmelding", SiteFactory.Parse(await client.GetStringAsync($"/begivenheder/{unlimited.Slug}")).QuerySelector("main")!.TextContent);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await Courses.SignUpAtAsync(client, $"/begivenheder/{unlimited.Slug}", $"Deltager {i}", $"d{i}-{Guid.NewGuid():N}@eksempel.dk")).StatusCode);
        Assert.All(await RegistrationsAsync(unlimited.Id), r => Assert.Equal(RegistrationStatus.Confirmed, r.Status));

        var open = await CreateEventAsync(places: 10, signUp: "Åben for alle");
        Assert.Null(SiteFactory.Parse(await client.GetStringAsync($"/begivenheder/{open.Slug}")).QuerySelector("form.sign-up-form"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/begivenheder/{open.Slug}/tilmeld")).StatusCode);
        var editor = await site.SignedInAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync($"/admin/begivenheder/{open.Slug}/deltagere")).StatusCode);
    }

    [Fact]
    public async Task An_event_under_way_is_closed_and_its_sign_ups_are_deleted_30_days_after_it_ended()
    {
        // Started an hour ago, ends in an hour: closed ("I gang").
        var running = await CreateEventAsync(places: 10, startsIn: TimeSpan.FromHours(-1));
        var client = site.Anonymous();
        var closed = SiteFactory.Parse(await client.GetStringAsync($"/begivenheder/{running.Slug}/tilmeld"));
        Assert.Null(closed.QuerySelector("form.sign-up-form"));
        Assert.Contains("Begivenheden er gået i gang", closed.QuerySelector("main")!.TextContent);

        // Over 40 days ago, with a sign-up left over: the cleanup deletes it.
        var past = await CreateEventAsync(places: 10, startsIn: TimeSpan.FromDays(-40));
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var registrations = scope.ServiceProvider.GetRequiredService<RegistrationStore>();
            var facts = new RegistrableItem(past);
            await registrations.SignUpAsync(past.Id, facts.Capacity, facts.LastEndUtc!.Value, "Gammel Deltager", "gammel@eksempel.dk", null);
            Assert.Single(await RegistrationsAsync(past.Id));
            await scope.ServiceProvider.GetRequiredService<RegistrationCleanup>().PurgeAsync();
        }
        Assert.Empty(await RegistrationsAsync(past.Id));
    }
}
