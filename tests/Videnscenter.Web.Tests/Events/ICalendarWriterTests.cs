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
        Assert.Contains("DTSTART:20270203T160000Z", lines);
        Assert.Contains("DTEND:20270203T180000Z", lines);
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
    public void Times_are_written_in_UTC_with_the_invariant_culture_even_under_a_Danish_thread_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            // Danish formats would give "20270203T16.00.00" (dots as time separator) if the culture leaked in.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("da-DK");
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("da-DK");
            var local = new DateTime(2027, 2, 3, 17, 0, 0, DateTimeKind.Local);
            var text = ICalendarWriter.Write("Test", [new("x", local.ToUniversalTime(), local.ToUniversalTime().AddMinutes(90), "Møde", null, null, null)], Stamp);
            var lines = ContentLines(text);
            Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^DTSTART:\d{8}T\d{6}Z$"));
            Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^DTEND:\d{8}T\d{6}Z$"));
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
        Assert.Contains("DTEND:20261101T083000Z", lines);
    }
}
