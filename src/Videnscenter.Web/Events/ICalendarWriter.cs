using System.Globalization;
using System.Text;

namespace Videnscenter.Web.Events;

/// <summary>One event in an iCalendar file. Times are UTC; they are written with a trailing Z.</summary>
/// <param name="Uid">Stable across downloads so calendar apps update rather than duplicate, e.g. "{itemId}@videnscenter.randers.dk".</param>
public sealed record CalendarEvent(
    string Uid,
    DateTime StartUtc,
    DateTime EndUtc,
    string Summary,
    string? Location,
    string? Description,
    string? Url);

/// <summary>
/// Writes RFC 5545 iCalendar text by hand (Ical.Net is not available to us): CRLF line endings,
/// lines folded at 75 octets, TEXT values escaped, every time in UTC so no VTIMEZONE is needed.
/// </summary>
public static class ICalendarWriter
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string ProductId = "-//Center for Psykiatri, Randers Kommune//Videnscenter//DA";
    private const int MaxOctets = 75;

    /// <summary>The calendar as a string; encode it as UTF-8 (without BOM) when sending it.</summary>
    /// <param name="stampUtc">DTSTAMP for every event; defaults to now (tests pass a fixed value).</param>
    public static string Write(string calendarName, IEnumerable<CalendarEvent> events, DateTime? stampUtc = null)
    {
        var stamp = FormatUtc(stampUtc ?? DateTime.UtcNow);
        var output = new StringBuilder();
        Line(output, "BEGIN:VCALENDAR");
        Line(output, "VERSION:2.0");
        Line(output, "PRODID:" + ProductId);
        Line(output, "CALSCALE:GREGORIAN");
        Line(output, "METHOD:PUBLISH");
        // Not in RFC 5545, but the name most calendar apps show for a subscribed feed.
        Line(output, "X-WR-CALNAME:" + EscapeText(calendarName));
        foreach (var e in events)
        {
            Line(output, "BEGIN:VEVENT");
            Line(output, "UID:" + EscapeText(e.Uid));
            Line(output, "DTSTAMP:" + stamp);
            Line(output, "DTSTART:" + FormatUtc(e.StartUtc));
            Line(output, "DTEND:" + FormatUtc(e.EndUtc < e.StartUtc ? e.StartUtc : e.EndUtc));
            Line(output, "SUMMARY:" + EscapeText(e.Summary));
            if (!string.IsNullOrWhiteSpace(e.Location)) Line(output, "LOCATION:" + EscapeText(e.Location));
            if (!string.IsNullOrWhiteSpace(e.Description)) Line(output, "DESCRIPTION:" + EscapeText(e.Description));
            // URL is of value type URI, not TEXT: it must not be backslash-escaped.
            if (!string.IsNullOrWhiteSpace(e.Url)) Line(output, "URL:" + StripLineBreaks(e.Url));
            Line(output, "END:VEVENT");
        }
        Line(output, "END:VCALENDAR");
        return output.ToString();
    }

    /// <summary>The calendar as UTF-8 bytes without a byte-order mark (some clients choke on one).</summary>
    public static byte[] WriteUtf8(string calendarName, IEnumerable<CalendarEvent> events, DateTime? stampUtc = null) =>
        new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Write(calendarName, events, stampUtc));

    /// <summary>"20270203T160000Z", always with the invariant culture.</summary>
    public static string FormatUtc(DateTime utc)
    {
        var value = utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : utc;
        return value.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 5545 §3.3.11: backslash, semicolon and comma are escaped; line breaks become \n.</summary>
    public static string EscapeText(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case ';': text.Append(@"\;"); break;
                case ',': text.Append(@"\,"); break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n') i++;
                    text.Append(@"\n");
                    break;
                case '\n': text.Append(@"\n"); break;
                default:
                    // Other control characters are not allowed in TEXT values.
                    if (!char.IsControl(c) || c == '\t') text.Append(c);
                    break;
            }
        }
        return text.ToString();
    }

    private static string StripLineBreaks(string value) => value.Replace("\r", "").Replace("\n", "").Trim();

    /// <summary>
    /// Appends one content line, folded so no physical line exceeds 75 octets of UTF-8 (the CRLF not
    /// counted). Folding never splits a character: a surrogate pair or multi-byte letter like "ø"
    /// moves whole to the next line, which starts with one space (that space counts too).
    /// </summary>
    private static void Line(StringBuilder output, string content)
    {
        var octets = 0;
        for (var i = 0; i < content.Length; i++)
        {
            var width = char.IsHighSurrogate(content[i]) && i + 1 < content.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(content.AsSpan(i, width));
            if (octets + size > MaxOctets)
            {
                output.Append("\r\n ");
                octets = 1;
            }
            output.Append(content, i, width);
            octets += size;
            i += width - 1;
        }
        output.Append("\r\n");
    }
}
