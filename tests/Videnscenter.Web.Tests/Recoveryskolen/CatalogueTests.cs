using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Web.Events;
using Videnscenter.Web.Recoveryskolen;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Recoveryskolen;

/// <summary>The semester catalogue pages, the printable PDF and the courses' calendar files.</summary>
public sealed class CatalogueTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private async Task<IReadOnlyList<ContentItem>> SemesterCoursesAsync(string key) =>
        (await site.WithStoreAsync(s => s.ListPublishedAsync("Course", Audience.Offentlig)))
        .Where(c => c.Values("semester").Contains(key)).ToList();

    private static string Squash(string s) => Regex.Replace(s, @"\s+", " ").Trim();

    [Fact]
    public async Task Kurser_shows_one_semester_as_a_catalogue_and_links_every_semester()
    {
        var page = SiteFactory.Parse(await site.Anonymous().GetStringAsync("/kurser"));
        Assert.Equal("Recoveryskolens kurser", page.QuerySelector("main h1")!.TextContent.Trim());
        var semesterLinks = page.QuerySelectorAll("nav.semester-nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/kurser/semester/efteraar-2026", semesterLinks);
        Assert.Contains("/kurser/semester/foraar-2027", semesterLinks);
        var current = page.QuerySelector("nav.semester-nav a[aria-current]")!.GetAttribute("href")!;

        // /kurser lists exactly the current semester's courses, like that semester's own page.
        var cards = page.QuerySelectorAll("ul.card-grid > li h2 a").Select(a => a.GetAttribute("href")).ToList();
        var semesterPage = SiteFactory.Parse(await site.Anonymous().GetStringAsync(current));
        Assert.Equal(cards, semesterPage.QuerySelectorAll("ul.card-grid > li h2 a").Select(a => a.GetAttribute("href")).ToList());
        var expected = await SemesterCoursesAsync(current[(current.LastIndexOf('/') + 1)..]);
        Assert.Equal(expected.Count, cards.Count);
        Assert.Equal(cards.Count == 1 ? "1 kursus" : $"{cards.Count} kurser", page.QuerySelector("main [role=status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_semester_page_lists_its_courses_by_date_with_places_and_audience_and_filters_by_audience()
    {
        var courses = await SemesterCoursesAsync("foraar-2027");
        var page = SiteFactory.Parse(await site.Anonymous().GetStringAsync("/kurser/semester/foraar-2027"));
        Assert.Equal("Kursuskatalog forår 2027", page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.StartsWith("Kursuskatalog forår 2027", page.Title);

        var cards = page.QuerySelectorAll("ul.card-grid > li").ToList();
        Assert.Equal(courses.Count, cards.Count);
        var firstDates = cards.Select(c => c.QuerySelector("time")!.GetAttribute("datetime")!).ToList();
        Assert.Equal(firstDates.Order(StringComparer.Ordinal), firstDates);
        Assert.All(cards, c => Assert.Matches(new Regex(@"^(\d+ ledige pladser|1 ledig plads|Fuldt – skriv dig på ventelisten|I gang|Afholdt)$"),
            c.QuerySelector(".places")!.TextContent.Trim()));
        Assert.All(cards, c => Assert.NotEmpty(c.QuerySelectorAll("ul.chips li")));
        Assert.NotNull(page.QuerySelector("a[href='/kurser/semester/foraar-2027.pdf']"));

        var forRelatives = SiteFactory.Parse(await site.Anonymous().GetStringAsync("/kurser/semester/foraar-2027?for=paaroerende"));
        var expected = courses.Where(c => c.Values("courseAudience").Contains("Pårørende")).Select(c => $"/kurser/{c.Slug}").Order().ToList();
        Assert.InRange(expected.Count, 1, courses.Count - 1);
        Assert.Equal(expected, forRelatives.QuerySelectorAll("ul.card-grid > li h2 a").Select(a => a.GetAttribute("href")!).Order().ToList());
        Assert.Equal("paaroerende", forRelatives.QuerySelector("select[name=for] option[selected]")!.GetAttribute("value"));
        Assert.Contains("for pårørende i forår 2027", Squash(forRelatives.QuerySelector(".list-count")!.TextContent));
    }

    [Fact]
    public async Task An_unknown_semester_answers_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous().GetAsync("/kurser/semester/foraar-1999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous().GetAsync("/kurser/semester/foraar-1999.pdf")).StatusCode);
    }

    [Fact]
    public async Task The_semester_pdf_holds_every_course_title_as_real_text_with_danish_letters()
    {
        var response = await site.Anonymous().GetAsync("/kurser/semester/foraar-2027.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));

        using var pdf = new TaggedPdf(bytes);
        var text = Squash(pdf.Text);
        Assert.Contains("Recoveryskolen – kursuskatalog forår 2027", text);
        var courses = await SemesterCoursesAsync("foraar-2027");
        Assert.True(courses.Count >= 20);
        Assert.All(courses, c => Assert.Contains(Squash(c.Title), text));
        Assert.Contains("Gratis", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("pårørende", text);
    }

    [Fact]
    public async Task The_semester_pdf_is_tagged_with_the_course_titles_as_headings_in_order_danish_language_title_and_bookmarks()
    {
        var bytes = await site.Anonymous().GetByteArrayAsync("/kurser/semester/foraar-2027.pdf");
        var courses = (await SemesterCoursesAsync("foraar-2027")).Select(c => Squash(c.Title)).ToHashSet();

        using var pdf = new TaggedPdf(bytes);
        var structure = pdf.Structure();

        Assert.Equal("da-DK", pdf.Language);
        Assert.True(pdf.DisplaysTitle);
        Assert.Equal("Recoveryskolen – kursuskatalog forår 2027", pdf.Title);
        Assert.Equal("Recoveryskolen – kursuskatalog forår 2027", Squash(Assert.Single(structure, e => e.Tag == "H1").Text));
        var headings = structure.Where(e => e.Tag == "H2").Select(e => Squash(e.Text)).Where(courses.Contains).ToList();
        Assert.Equal(courses.Count, headings.Count);
        // In the order the catalogue lists them (its contents, read as text), and as the bookmarks.
        var text = Squash(pdf.Text);
        Assert.Equal(headings.OrderBy(h => text.IndexOf(h, StringComparison.Ordinal)), headings);
        Assert.Equal(headings, pdf.Bookmarks.Select(Squash));
        Assert.Contains(structure, e => e.Tag == "P" && e.Text.Contains("gratis", StringComparison.OrdinalIgnoreCase));
        // Footers are artifacts, outside the structure a screen reader reads.
        Assert.DoesNotContain(structure, e => e.Text.Contains("Side 1 af", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_course_calendar_has_a_uid_dtstamp_and_utc_times_for_every_session_in_invariant_format()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("da-DK");
        try
        {
            var course = await Courses.CreateAsync(site, places: 8, sessions: 4);
            var page = SiteFactory.Parse(await site.Anonymous().GetStringAsync($"/kurser/{course.Slug}"));
            Assert.NotNull(page.QuerySelector($"a[href='/kurser/{course.Slug}.ics']"));

            var response = await site.Anonymous().GetAsync($"/kurser/{course.Slug}.ics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
            var raw = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("\n", raw.Replace("\r\n", ""));
            var lines = raw.Replace("\r\n ", "").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

            var sessions = course.Ranges("sessions");
            var events = Split(lines);
            // Read independently of Ical.Net: the sessions come back as the right instants in UTC.
            var calendar = new Videnscenter.Web.Tests.Events.ICalendarReader(raw);
            Assert.Equal(sessions.Select(s => Danish.ToUtc(s.Start)), calendar.Events.Select(e => calendar.Utc(e["DTSTART"]!)));
            Assert.Equal(sessions.Count, events.Count);
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                Assert.Equal($"UID:{course.Id:D}-{i + 1}@videnscenter.randers.dk", Assert.Single(e, l => l.StartsWith("UID:")));
                Assert.Matches(new Regex(@"^DTSTAMP:\d{8}T\d{6}Z$"), Assert.Single(e, l => l.StartsWith("DTSTAMP:")));
                var start = Assert.Single(e, l => l.StartsWith("DTSTART"));
                Assert.Equal("DTSTART;TZID=Europe/Copenhagen:" + sessions[i].Start.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture), start);
                Assert.Equal("DTEND;TZID=Europe/Copenhagen:" + sessions[i].End.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture),
                    Assert.Single(e, l => l.StartsWith("DTEND")));
                Assert.True(e.Any(l => l.StartsWith("ORGANIZER;CN=\"Recoveryskolen, Center for Psykiatri, Randers Kommune\":http", StringComparison.Ordinal)), string.Join("\n", e));
                Assert.StartsWith($"SUMMARY:{course.Title}", Assert.Single(e, l => l.StartsWith("SUMMARY:")));
                Assert.Contains("LOCATION:Psykiatriens Hus\\, lokale 2", e);
                Assert.Matches(new Regex($"^URL:https?://[^/]+/kurser/{course.Slug}$"), Assert.Single(e, l => l.StartsWith("URL:")));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Calendar_events_are_written_the_same_under_a_danish_thread_culture()
    {
        var item = new ContentItem
        {
            Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), VersionId = Guid.NewGuid(), VersionNumber = 1,
            Type = "Course", Title = "Håb, mod og mening", Slug = "haab", Author = "test",
            Fields = new System.Text.Json.Nodes.JsonObject
            {
                ["sessions"] = new System.Text.Json.Nodes.JsonArray(new DateTimeRange(new DateTime(2027, 3, 28, 9, 30, 0), new DateTime(2027, 3, 28, 11, 0, 0)).ToJson()),
                ["place"] = "Psykiatriens Hus",
            },
        };
        string Write() => ICalendarWriter.Write("Kursus", CourseCalendar.Events(new RegistrableItem(item), "https://videnscenter.randers.dk"),
            new DateTime(2027, 1, 2, 3, 4, 5, DateTimeKind.Utc));

        var previous = CultureInfo.CurrentCulture;
        string danish, invariant;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("da-DK");
            danish = Write();
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            invariant = Write();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
        Assert.Equal(invariant, danish);
        // 28 March 2027 is the first day of summer time: 09:30 in Denmark is 07:30 UTC.
        Assert.Contains("DTSTART;TZID=Europe/Copenhagen:20270328T093000\r\n", danish);
        var calendar = new Videnscenter.Web.Tests.Events.ICalendarReader(danish);
        Assert.Equal(new DateTime(2027, 3, 28, 7, 30, 0, DateTimeKind.Utc), calendar.Utc(calendar.Events.Single()["DTSTART"]!));
        Assert.Contains("DTSTAMP:20270102T030405Z\r\n", danish);
        Assert.Contains("UID:0f8fad5b-d9cb-469f-a165-70867728950e-1@videnscenter.randers.dk\r\n", danish);
    }

    private static List<List<string>> Split(IEnumerable<string> lines)
    {
        var events = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (line == "BEGIN:VEVENT") current = [];
            else if (line == "END:VEVENT" && current is not null) { events.Add(current); current = null; }
            else current?.Add(line);
        }
        return events;
    }
}
