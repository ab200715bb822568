using System.Globalization;
using System.Text;
using Videnscenter.Web.Events;

namespace Videnscenter.Web.Tests.Events;

/// <summary>The hand-written RFC 5545 writer: structure, escaping, folding and invariant formatting.</summary>
public sealed class ICalendarWriterTests
{
    private static readonly DateTime Stamp = new(2026, 11, 1, 8, 30, 0, DateTimeKind.Utc);

    internal static List<string> PhysicalLines(string text)
    {
        Assert.EndsWith("\r\n", text);
        // Every line ends in CRLF: no bare LF or CR anywhere.
        Assert.Equal(text.Count(c => c == '\n'), text.Split("\r\n").Length - 1);
        Assert.Equal(text.Count(c => c == '\r'), text.Split("\r\n").Length - 1);
        return text[..^2].Split("\r\n").ToList();
    }

    /// <summary>Unfolds continuation lines (RFC 5545 §3.1) into content lines.</summary>
    internal static List<string> ContentLines(string text)
    {
        var lines = new List<string>();
        foreach (var line in PhysicalLines(text))
        {
            if (line.StartsWith(' ')) lines[^1] += line[1..];
            else lines.Add(line);
        }
        return lines;
    }

    /// <summary>Reverses TEXT escaping.</summary>
    internal static string Unescape(string value) =>
        value.Replace(@"\n", "\n").Replace(@"\N", "\n").Replace(@"\,", ",").Replace(@"\;", ";").Replace(@"\\", @"\");

    [Fact]
    public void Calendar_has_the_required_properties_and_one_complete_event_per_entry()
    {
        var text = ICalendarWriter.Write("Begivenheder",
        [
            new("a@videnscenter.randers.dk", new DateTime(2027, 2, 3, 16, 0, 0, DateTimeKind.Utc), new DateTime(2027, 2, 3, 18, 0, 0, DateTimeKind.Utc), "Første", "Psykiatriens Hus", "Kom og vær med", "https://example.dk/a"),
            new("b@videnscenter.randers.dk", new DateTime(2027, 7, 1, 7, 0, 0, DateTimeKind.Utc), new DateTime(2027, 7, 1, 9, 0, 0, DateTimeKind.Utc), "Anden", null, null, null),
        ], Stamp);
        var lines = ContentLines(text);

        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Equal("END:VCALENDAR", lines[^1]);
        Assert.Contains("VERSION:2.0", lines);
        Assert.Contains("CALSCALE:GREGORIAN", lines);
        Assert.Contains(lines, l => l.StartsWith("PRODID:", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(l => l == "BEGIN:VEVENT"));
        Assert.Equal(2, lines.Count(l => l == "END:VEVENT"));
        // Danish time with the zone, and the zone's definition in the file.
        Assert.Contains("DTSTART;TZID=Europe/Copenhagen:20270203T170000", lines);
        Assert.Contains("DTEND;TZID=Europe/Copenhagen:20270203T190000", lines);
        Assert.Contains("DTSTART;TZID=Europe/Copenhagen:20270701T090000", lines);
        Assert.Contains("BEGIN:VTIMEZONE", lines);
        Assert.Contains("TZID:Europe/Copenhagen", lines);
        Assert.Equal(2, lines.Count(l => l == "DTSTAMP:20261101T083000Z"));
        Assert.Contains("URL:https://example.dk/a", lines);
        // Optional properties are left out rather than written empty.
        Assert.DoesNotContain(lines, l => l.EndsWith(':'));
    }

    [Fact]
    public void Text_values_escape_backslash_semicolon_comma_and_line_breaks()
    {
        const string description = "Mødested: kantinen; 2. sal, lokale \\ 3\r\nHusk madpakke\nog godt humør";
        var text = ICalendarWriter.Write("Test", [new("x", Stamp, Stamp.AddHours(1), "Kaffe, kage; snak", "Randers, Danmark", description, null)], Stamp);
        var lines = ContentLines(text);

        Assert.Contains(@"SUMMARY:Kaffe\, kage\; snak", lines);
        Assert.Contains(@"LOCATION:Randers\, Danmark", lines);
        var written = lines.Single(l => l.StartsWith("DESCRIPTION:", StringComparison.Ordinal))["DESCRIPTION:".Length..];
        Assert.Equal(@"Mødested: kantinen\; 2. sal\, lokale \\ 3\nHusk madpakke\nog godt humør", written);
        Assert.Equal(description.Replace("\r\n", "\n"), Unescape(written));
    }

    [Fact]
    public void Long_lines_fold_at_75_octets_without_splitting_Danish_letters_or_emoji()
    {
        var summary = string.Concat(Enumerable.Repeat("Æblegrød og rødgrødmed fløde på Østerbro 🙂 ", 8));
        var text = ICalendarWriter.Write("Test", [new("x", Stamp, Stamp.AddHours(1), summary, null, new string('å', 200), null)], Stamp);

        foreach (var line in PhysicalLines(text))
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} oktetter: {line}");
        // Decoding the bytes never meets half a character, and unfolding gives the text back.
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)));
        var lines = ContentLines(text);
        Assert.Equal(summary.TrimEnd(), lines.Single(l => l.StartsWith("SUMMARY:", StringComparison.Ordinal))["SUMMARY:".Length..].TrimEnd());
        Assert.Equal(new string('å', 200), lines.Single(l => l.StartsWith("DESCRIPTION:", StringComparison.Ordinal))["DESCRIPTION:".Length..]);
        Assert.True(PhysicalLines(text).Count(l => l.StartsWith(' ')) >= 6);
    }

    [Fact]
    public void Times_are_written_in_Danish_time_with_the_invariant_culture_even_under_a_Danish_thread_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            // Danish formats would give "20270203T16.00.00" (dots as time separator) if the culture leaked in.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("da-DK");
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("da-DK");
            var start = new DateTime(2027, 2, 3, 16, 0, 0, DateTimeKind.Utc);
            var text = ICalendarWriter.Write("Test", [new("x", start, start.AddMinutes(90), "Møde", null, null, null)], Stamp);
            var lines = ContentLines(text);
            Assert.Contains("DTSTART;TZID=Europe/Copenhagen:20270203T170000", lines);
            Assert.Contains("DTEND;TZID=Europe/Copenhagen:20270203T183000", lines);
            Assert.Contains("DTSTAMP:20261101T083000Z", lines);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void An_end_before_the_start_is_written_as_the_start()
    {
        var lines = ContentLines(ICalendarWriter.Write("Test", [new("x", Stamp, Stamp.AddHours(-1), "Fejl i data", null, null, null)], Stamp));
        Assert.Contains("DTEND;TZID=Europe/Copenhagen:20261101T093000", lines);
    }

    [Fact]
    public void An_independent_reader_gets_the_same_utc_times_back_through_the_files_own_vtimezone_across_summer_time()
    {
        // Either side of both changes in 2027 (28 March and 31 October), and the organiser and URL.
        var starts = new[]
        {
            new DateTime(2027, 3, 27, 9, 0, 0, DateTimeKind.Utc), new DateTime(2027, 3, 28, 7, 30, 0, DateTimeKind.Utc),
            new DateTime(2027, 10, 30, 8, 0, 0, DateTimeKind.Utc), new DateTime(2027, 10, 31, 9, 0, 0, DateTimeKind.Utc),
        };
        var organiser = new CalendarOrganiser("Recoveryskolen, Center for Psykiatri", "mailto:recoveryskolen@example.dk");
        var text = ICalendarWriter.Write("Test", starts.Select((s, i) =>
            new CalendarEvent($"{i}@videnscenter.randers.dk", s, s.AddHours(2), $"Kursusgang {i + 1}", "Psykiatriens Hus", null, "https://videnscenter.randers.dk/kurser/x", organiser)), Stamp);

        var calendar = new ICalendarReader(text);

        var events = calendar.Events.ToList();
        Assert.Equal(starts.Length, events.Count);
        for (var i = 0; i < starts.Length; i++)
        {
            Assert.Equal("Europe/Copenhagen", events[i]["DTSTART"]!.Parameters["TZID"]);
            Assert.Equal(starts[i], calendar.Utc(events[i]["DTSTART"]!));
            Assert.Equal(starts[i].AddHours(2), calendar.Utc(events[i]["DTEND"]!));
            Assert.Equal(Stamp, calendar.Utc(events[i]["DTSTAMP"]!));
            Assert.Equal("Psykiatriens Hus", events[i]["LOCATION"]!.Value);
            Assert.Equal("https://videnscenter.randers.dk/kurser/x", events[i]["URL"]!.Value);
            Assert.Equal("mailto:recoveryskolen@example.dk", events[i]["ORGANIZER"]!.Value);
            Assert.Equal("Recoveryskolen, Center for Psykiatri", events[i]["ORGANIZER"]!.Parameters["CN"]);
        }
    }
}
