using System.Globalization;
using System.Text.RegularExpressions;

namespace Videnscenter.Web.Tests.Events;

/// <summary>
/// A second, independent reading of our iCalendar files (the site writes them with Ical.Net, so
/// reading them back with Ical.Net would prove little): unfolds the lines (RFC 5545 §3.1), checks
/// that components nest and close, and turns every DTSTART/DTEND with a TZID into UTC using only
/// the file's own VTIMEZONE (its STANDARD and DAYLIGHT observances and their yearly rules).
/// Handles the rules a European zone has (BYMONTH with BYDAY=-1SU); anything else fails the test.
/// </summary>
internal sealed partial class ICalendarReader
{
    public sealed record Property(string Name, IReadOnlyDictionary<string, string> Parameters, string Value);

    public sealed class Component(string name)
    {
        public string Name { get; } = name;
        public List<Property> Properties { get; } = [];
        public List<Component> Children { get; } = [];
        public Property? this[string property] => Properties.FirstOrDefault(p => p.Name == property);
    }

    public Component Calendar { get; }

    public ICalendarReader(string text)
    {
        var stack = new Stack<Component>();
        Component? root = null;
        foreach (var line in ICalendarWriterTests.ContentLines(text))
        {
            var property = Parse(line);
            if (property.Name == "BEGIN")
            {
                var component = new Component(property.Value);
                if (stack.Count > 0) stack.Peek().Children.Add(component);
                else root = component;
                stack.Push(component);
            }
            else if (property.Name == "END")
            {
                Assert.True(stack.Count > 0, $"END:{property.Value} uden BEGIN");
                Assert.Equal(stack.Pop().Name, property.Value);
            }
            else
            {
                Assert.True(stack.Count > 0, $"{line} står uden for en komponent");
                stack.Peek().Properties.Add(property);
            }
        }
        Assert.Empty(stack);
        Calendar = root ?? throw new InvalidOperationException("Ingen VCALENDAR");
        Assert.Equal("VCALENDAR", Calendar.Name);
    }

    public IEnumerable<Component> Events => Calendar.Children.Where(c => c.Name == "VEVENT");

    /// <summary>A DATE-TIME property as UTC: "…Z" as it is, "TZID=…" through the file's VTIMEZONE.</summary>
    public DateTime Utc(Property property)
    {
        var local = DateTime.ParseExact(property.Value.TrimEnd('Z'), "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        if (property.Value.EndsWith('Z')) return DateTime.SpecifyKind(local, DateTimeKind.Utc);
        var tzid = property.Parameters["TZID"];
        var zone = Calendar.Children.Single(c => c.Name == "VTIMEZONE" && c["TZID"]?.Value == tzid);
        return DateTime.SpecifyKind(local - OffsetAt(zone, local), DateTimeKind.Utc);
    }

    /// <summary>The UTC offset in force at a local time: that of the observance that began last before it.</summary>
    private static TimeSpan OffsetAt(Component zone, DateTime local)
    {
        var onsets = new List<(DateTime Onset, TimeSpan Offset)>();
        foreach (var observance in zone.Children.Where(c => c.Name is "STANDARD" or "DAYLIGHT"))
        {
            var start = DateTime.ParseExact(observance["DTSTART"]!.Value, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
            var offset = Offset(observance["TZOFFSETTO"]!.Value);
            if (observance["RRULE"] is not { } rule)
            {
                onsets.Add((start, offset));
                continue;
            }
            var parts = rule.Value.Split(';').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
            Assert.Equal("YEARLY", parts["FREQ"]);
            Assert.Equal("-1SU", parts["BYDAY"]);
            var month = int.Parse(parts["BYMONTH"], CultureInfo.InvariantCulture);
            for (var year = Math.Max(start.Year, local.Year - 1); year <= local.Year; year++)
                onsets.Add((LastSunday(year, month).Add(start.TimeOfDay), offset));
        }
        var before = onsets.Where(o => o.Onset <= local).OrderBy(o => o.Onset).ToList();
        Assert.NotEmpty(before);
        return before[^1].Offset;
    }

    private static DateTime LastSunday(int year, int month)
    {
        var day = new DateTime(year, month, DateTime.DaysInMonth(year, month));
        while (day.DayOfWeek != DayOfWeek.Sunday) day = day.AddDays(-1);
        return day;
    }

    private static TimeSpan Offset(string value)
    {
        var sign = value[0] == '-' ? -1 : 1;
        return sign * new TimeSpan(int.Parse(value[1..3], CultureInfo.InvariantCulture), int.Parse(value[3..5], CultureInfo.InvariantCulture), 0);
    }

    /// <summary>NAME;PARAM=value;PARAM="quoted":value (RFC 5545 §3.1 contentline).</summary>
    private static Property Parse(string line)
    {
        var match = ContentLine().Match(line);
        Assert.True(match.Success, $"Ikke en gyldig indholdslinje: {line}");
        var parameters = match.Groups["param"].Captures.Select(c => c.Value.Split('=', 2))
            .ToDictionary(p => p[0].ToUpperInvariant(), p => p[1].Trim('"'));
        return new Property(match.Groups["name"].Value.ToUpperInvariant(), parameters, match.Groups["value"].Value);
    }

    [GeneratedRegex("""^(?<name>[A-Za-z0-9-]+)(?:;(?<param>[A-Za-z0-9-]+=(?:"[^"]*"|[^;:"]*)))*:(?<value>.*)$""")]
    private static partial Regex ContentLine();
}
