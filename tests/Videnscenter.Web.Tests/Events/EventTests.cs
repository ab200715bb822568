using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Web.Tests.Harness;
using static Videnscenter.Web.Tests.Events.ICalendarWriterTests;
using static Videnscenter.Web.Tests.Sections.SectionPages;

namespace Videnscenter.Web.Tests.Events;

/// <summary>The event list (upcoming and past), the calendar files and the schema.org markup.</summary>
public sealed class EventTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private static DateTime TodayLocal => Danish.ToLocal(DateTime.UtcNow).Date;

    /// <summary>"2027-02-03 10:00-12:00", a number of days from today (Danish time).</summary>
    private static string Range(int days, int hour = 10) =>
        $"{TodayLocal.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {hour:00}:00-{hour + 2:00}:00";

    private Task<ContentItem> EventAsync(string title, Audience? audience, params string[] ranges) => EventAtAsync(title, audience, "Psykiatriens Hus, Randers", ranges);

    private Task<ContentItem> EventAtAsync(string title, Audience? audience, string place, params string[] ranges) => PublishAsync(site, new ContentDraft
    {
        Type = "Event", Title = title, Summary = "En begivenhed til test.", Audience = audience,
        Fields = new JsonObject
        {
            ["when"] = new JsonArray(ranges.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
            ["place"] = place, ["signUp"] = "Tilmelding", ["organiserText"] = "Psykiatriens Hus", ["link"] = "https://www.randers.dk",
        },
    });

    private static bool Upcoming(ContentItem e, DateTime now) => e.Ranges("when").Any(r => r.End >= now);

    [Fact]
    public async Task Upcoming_events_come_soonest_first_and_past_events_newest_first_on_their_own_tab()
    {
        var later = await EventAsync("Tidsfølge: om tyve dage", null, Range(20));
        var soon = await EventAsync("Tidsfølge: om fem dage", null, Range(5));
        var running = await EventAsync("Tidsfølge: i gang over to gange", null, Range(-3), Range(3));
        var recent = await EventAsync("Tidsfølge: for ti dage siden", null, Range(-10));
        var older = await EventAsync("Tidsfølge: for fyrre dage siden", null, Range(-40));
        var now = Danish.ToLocal(DateTime.UtcNow);
        var events = await PublishedAsync(site, "Event", Audience.Offentlig);

        var client = site.Anonymous();
        var upcomingPage = await GetDocumentAsync(client, "/begivenheder");
        var upcoming = CardTitles(upcomingPage);
        SameTitles(events.Where(e => Upcoming(e, now)), upcoming, "kommende");
        Assert.Equal(upcoming.Count, AnnouncedCount(upcomingPage));
        Assert.True(upcoming.IndexOf(running.Title) < upcoming.IndexOf(soon.Title));
        Assert.True(upcoming.IndexOf(soon.Title) < upcoming.IndexOf(later.Title));
        // A running event shows only the time still to come.
        var runningCard = upcomingPage.QuerySelectorAll("main ul.card-grid > li").Single(li => li.TextContent.Contains(running.Title));
        Assert.Single(runningCard.QuerySelectorAll("time"));
        Assert.Equal("page", upcomingPage.QuerySelector("nav.tabs a[href='/begivenheder']")!.GetAttribute("aria-current"));

        var pastPage = await GetDocumentAsync(client, "/begivenheder?tid=tidligere");
        var past = CardTitles(pastPage);
        SameTitles(events.Where(e => !Upcoming(e, now)), past, "tidligere");
        Assert.True(past.IndexOf(recent.Title) < past.IndexOf(older.Title));
        Assert.Equal("page", pastPage.QuerySelector("nav.tabs a[href='/begivenheder?tid=tidligere']")!.GetAttribute("aria-current"));

        // Every event's time is shown in Danish.
        Assert.Contains(TodayLocal.AddDays(5).ToString("d. MMMM yyyy", Danish.Culture), upcomingPage.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Staff_only_events_are_not_listed_linked_or_downloadable_for_anonymous_readers()
    {
        var internalEvent = await EventAsync("Internt personalemøde om ankerpunkter", Audience.Medarbejder, Range(7));
        var anonymous = site.Anonymous();

        // Compare with the parsed text: the raw HTML spells "ø" as an entity.
        Assert.DoesNotContain(internalEvent.Title, (await GetDocumentAsync(anonymous, "/begivenheder")).DocumentElement.OuterHtml);
        Assert.DoesNotContain(internalEvent.Title, (await GetDocumentAsync(anonymous, "/")).DocumentElement.OuterHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/begivenheder/{internalEvent.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/begivenheder/{internalEvent.Slug}.ics")).StatusCode);
        var feed = await anonymous.GetStringAsync("/begivenheder.ics");
        Assert.DoesNotContain(internalEvent.Id.ToString(), feed);
        Assert.DoesNotContain("personalemøde", feed);

        var staff = await site.SignedInAsync();
        Assert.Contains(internalEvent.Title, CardTitles(await GetDocumentAsync(staff, "/begivenheder")));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/begivenheder/{internalEvent.Slug}.ics")).StatusCode);
        Assert.Contains($"UID:{internalEvent.Id}@videnscenter.randers.dk", await staff.GetStringAsync("/begivenheder.ics"));
    }

    [Fact]
    public async Task Event_ics_file_is_valid_iCalendar_with_escaped_text()
    {
        var item = await EventAtAsync("Kaffe, kage; og snak om recovery – en lang titel, der skal foldes over flere linjer i kalenderfilen", null,
            "Psykiatriens Hus, Randers; 2. sal", Range(12, 17));
        var response = await site.Anonymous().GetAsync($"/begivenheder/{item.Slug}.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal($"{item.Slug}.ics", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);
        AssertValidCalendar(text);

        var lines = ContentLines(text);
        Assert.Contains($"UID:{item.Id}@videnscenter.randers.dk", lines);
        Assert.Contains(@"SUMMARY:Kaffe\, kage\; og snak om recovery – en lang titel\, der skal foldes over flere linjer i kalenderfilen", lines);
        Assert.Contains(@"LOCATION:Psykiatriens Hus\, Randers\; 2. sal", lines);
        var start = Danish.ToUtc(TodayLocal.AddDays(12).AddHours(17));
        var calendar = new ICalendarReader(text);
        var entry = Assert.Single(calendar.Events);
        Assert.Equal(start, calendar.Utc(entry["DTSTART"]!));
        Assert.Equal(start.AddHours(2), calendar.Utc(entry["DTEND"]!));
        Assert.Equal($"DTSTART;TZID=Europe/Copenhagen:{TodayLocal.AddDays(12).AddHours(17).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}",
            Assert.Single(lines, l => l.StartsWith("DTSTART;TZID", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("URL:http", StringComparison.Ordinal) && l.EndsWith($"/begivenheder/{item.Slug}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Feed_holds_every_upcoming_public_event_and_only_the_times_still_to_come()
    {
        var running = await EventAsync("Feed: to gange", null, Range(-2), Range(2));
        var past = await EventAsync("Feed: forbi", null, Range(-20));
        var now = Danish.ToLocal(DateTime.UtcNow);
        var upcoming = (await PublishedAsync(site, "Event", Audience.Offentlig)).Where(e => Upcoming(e, now)).ToList();

        var response = await site.Anonymous().GetAsync("/begivenheder.ics");
        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        AssertValidCalendar(text);
        var uids = ContentLines(text).Where(l => l.StartsWith("UID:", StringComparison.Ordinal)).ToList();

        foreach (var e in upcoming)
            Assert.Contains(uids, u => u.StartsWith($"UID:{e.Id}", StringComparison.Ordinal));
        Assert.DoesNotContain(uids, u => u.Contains(past.Id.ToString()));
        Assert.Equal([$"UID:{running.Id}-2@videnscenter.randers.dk"], uids.Where(u => u.Contains(running.Id.ToString())));
    }

    [Fact]
    public async Task Event_page_carries_schema_org_Event_json_ld_that_content_cannot_break_out_of()
    {
        const string title = "Temadag </script><script>alert('x')</script> & «gode» ting";
        var item = await EventAsync(title, null, Range(30, 9));
        var html = await site.Anonymous().GetStringAsync($"/begivenheder/{item.Slug}");

        Assert.DoesNotContain("<script>alert", html);
        var document = SiteFactory.Parse(html);
        var scripts = document.QuerySelectorAll("script").ToList();
        var data = Assert.Single(scripts, s => s.GetAttribute("type") == "application/ld+json");
        Assert.All(scripts.Where(s => s != data), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src"))));

        var json = JsonNode.Parse(data.TextContent)!.AsObject();
        Assert.Equal("https://schema.org", (string?)json["@context"]);
        Assert.Equal("Event", (string?)json["@type"]);
        Assert.Equal(title, (string?)json["name"]);
        var start = DateTimeOffset.Parse((string)json["startDate"]!, CultureInfo.InvariantCulture);
        Assert.Equal(TodayLocal.AddDays(30).AddHours(9), start.DateTime);
        Assert.Equal(Danish.ToUtc(TodayLocal.AddDays(30).AddHours(9)), start.UtcDateTime);
        Assert.Matches(@"[+-]\d\d:\d\d$", (string)json["endDate"]!);
        Assert.Equal("Place", (string?)json["location"]!["@type"]);
        Assert.Equal("Psykiatriens Hus, Randers", (string?)json["location"]!["name"]);
        Assert.Equal("Psykiatriens Hus", (string?)json["organizer"]!["name"]);
        Assert.Equal("https://schema.org/OfflineEventAttendanceMode", (string?)json["eventAttendanceMode"]);
        Assert.EndsWith($"/begivenheder/{item.Slug}", (string)json["url"]!);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(data.TextContent).RootElement.ValueKind);
    }

    private static void AssertValidCalendar(string text)
    {
        foreach (var line in PhysicalLines(text))
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"Linjen er over 75 oktetter: {line}");
        var lines = ContentLines(text);
        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Equal("END:VCALENDAR", lines[^1]);
        Assert.Contains("VERSION:2.0", lines);
        Assert.Contains(lines, l => l.StartsWith("PRODID:", StringComparison.Ordinal));

        // Every VEVENT has UID, DTSTAMP in UTC, and DTSTART/DTEND in Danish time with the zone's id.
        var events = 0;
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (line == "BEGIN:VEVENT") { current = []; events++; continue; }
            if (line == "END:VEVENT")
            {
                Assert.NotNull(current);
                Assert.Single(current, l => l.StartsWith("UID:", StringComparison.Ordinal));
                Assert.Single(current, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^DTSTAMP:\d{8}T\d{6}Z$"));
                Assert.Single(current, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^DTSTART;TZID=Europe/Copenhagen:\d{8}T\d{6}$"));
                Assert.Single(current, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^DTEND;TZID=Europe/Copenhagen:\d{8}T\d{6}$"));
                Assert.Single(current, l => l.StartsWith("SUMMARY:", StringComparison.Ordinal));
                current = null;
                continue;
            }
            current?.Add(line);
        }
        Assert.True(events > 0, "Kalenderen har ingen begivenheder.");
    }
}
