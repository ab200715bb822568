using Videnscenter.Content;
using Videnscenter.Web.Events;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>A course's sessions as calendar events: one VEVENT per session, in UTC.</summary>
public static class CourseCalendar
{
    public const string UidDomain = "videnscenter.randers.dk";

    /// <summary>"{itemId}-{n}@videnscenter.randers.dk", n counting the sessions from 1: stable across downloads.</summary>
    public static string Uid(Guid courseId, int number) => $"{courseId:D}-{number}@{UidDomain}";

    public static IReadOnlyList<CalendarEvent> Events(RegistrableItem course, string baseUrl)
    {
        var item = course.Item;
        var url = baseUrl + course.Url;
        var description = string.Join("\n", new[]
        {
            item.Summary,
            course.IsEvent ? null : "Recoveryskolen: gratis, og du skal ikke henvises.",
            $"Læs mere og tilmeld dig: {url}",
        }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var count = course.Sessions.Count;
        return course.Sessions.Select((s, i) => new CalendarEvent(
            Uid(item.Id, i + 1),
            Danish.ToUtc(s.Start),
            Danish.ToUtc(s.End),
            count > 1 ? $"{item.Title} ({(course.IsEvent ? "dag" : "kursusgang")} {i + 1} af {count})" : item.Title,
            course.Place,
            description,
            url,
            new CalendarOrganiser(course.Sender, baseUrl + course.ListUrl))).ToList();
    }
}
