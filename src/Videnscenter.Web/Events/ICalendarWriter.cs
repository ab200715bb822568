using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Videnscenter.Content;

namespace Videnscenter.Web.Events;

/// <summary>Who arranges an event: a name and, when known, an e-mail address (else a web address for them).</summary>
public sealed record CalendarOrganiser(string Name, string Address);

/// <summary>One event in an iCalendar file. Times are given in UTC and written in Danish local time.</summary>
/// <param name="Uid">Stable across downloads so calendar apps update rather than duplicate, e.g. "{itemId}@videnscenter.randers.dk".</param>
public sealed record CalendarEvent(
    string Uid,
    DateTime StartUtc,
    DateTime EndUtc,
    string Summary,
    string? Location,
    string? Description,
    string? Url,
    CalendarOrganiser? Organiser = null);

/// <summary>
/// Writes RFC 5545 iCalendar with Ical.Net: times in Europe/Copenhagen (TZID) with the zone's
/// VTIMEZONE, so a calendar app shows the Danish time the event was planned in, also across a change
/// to or from summer time; location, URL, organiser; DTSTAMP in UTC.
/// </summary>
public static class ICalendarWriter
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string ProductId = "-//Center for Psykiatri, Randers Kommune//Videnscenter//DA";
    public const string TimeZoneId = "Europe/Copenhagen";

    /// <summary>The calendar as a string; encode it as UTF-8 (without BOM) when sending it.</summary>
    /// <param name="stampUtc">DTSTAMP for every event; defaults to now (tests pass a fixed value).</param>
    public static string Write(string calendarName, IEnumerable<CalendarEvent> events, DateTime? stampUtc = null)
    {
        var entries = events.ToList();
        var stamp = DateTime.SpecifyKind(stampUtc ?? DateTime.UtcNow, DateTimeKind.Utc);
        var calendar = new Calendar { ProductId = ProductId, Method = "PUBLISH", Scale = "GREGORIAN" };
        // Not in RFC 5545, but the name most calendar apps show for a subscribed feed.
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        calendar.AddProperty("X-WR-TIMEZONE", TimeZoneId);
        // The zone's rules from a year before the first event: enough for every time written.
        var earliest = entries.Count == 0 ? stamp : entries.Min(e => e.StartUtc);
        calendar.AddTimeZone(TimeZoneId, earliest.AddYears(-1), includeHistoricalData: false);

        foreach (var e in entries)
        {
            var end = e.EndUtc < e.StartUtc ? e.StartUtc : e.EndUtc;
            var entry = new Ical.Net.CalendarComponents.CalendarEvent
            {
                Uid = e.Uid,
                DtStamp = new CalDateTime(stamp, CalDateTime.UtcTzId, true),
                DtStart = Local(e.StartUtc),
                DtEnd = Local(end),
                Summary = Clean(e.Summary),
            };
            if (!string.IsNullOrWhiteSpace(e.Location)) entry.Location = Clean(e.Location);
            if (!string.IsNullOrWhiteSpace(e.Description)) entry.Description = Clean(e.Description);
            if (!string.IsNullOrWhiteSpace(e.Url) && Uri.TryCreate(e.Url.Trim(), UriKind.Absolute, out var url)) entry.Url = url;
            // Set as a URI: Ical.Net's string constructor would put "mailto:" before a web address too.
            if (e.Organiser is { } organiser && Uri.TryCreate(organiser.Address, UriKind.Absolute, out var address))
                entry.Organizer = new Organizer { Value = address, CommonName = Clean(organiser.Name) };
            calendar.Events.Add(entry);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>The calendar as UTF-8 bytes without a byte-order mark (some clients choke on one).</summary>
    public static byte[] WriteUtf8(string calendarName, IEnumerable<CalendarEvent> events, DateTime? stampUtc = null) =>
        new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Write(calendarName, events, stampUtc));

    private static CalDateTime Local(DateTime utc) =>
        new(DateTime.SpecifyKind(Danish.ToLocal(utc), DateTimeKind.Unspecified), TimeZoneId, true);

    /// <summary>Control characters other than line breaks and tabs are not allowed in TEXT values.</summary>
    private static string Clean(string value) =>
        new(value.Replace("\r\n", "\n").Where(c => !char.IsControl(c) || c is '\n' or '\t').ToArray());
}
