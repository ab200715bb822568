using System.Globalization;
using Videnscenter.Content;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>
/// Something people sign up for through Recoveryskolen's registration engine: a course, or an event
/// marked «Kræver tilmelding». What the engine needs to know: the sessions, the places, the
/// addresses of its pages, and the words that name it.
/// </summary>
public sealed class RegistrableItem
{
    public const string TypeName = "Course";
    public const string EventTypeName = Events.EventSchedule.TypeName;
    /// <summary>The event's «Deltagelse» value that makes it take sign-ups here.</summary>
    public const string EventSignUp = "Tilmelding";
    /// <summary>An event that takes sign-ups with no «Antal pladser» has no limit.</summary>
    public const int Unlimited = 100_000;

    /// <summary>Sign-ups are deleted this long after the course's last session ends.</summary>
    public static readonly TimeSpan RetentionAfterEnd = TimeSpan.FromDays(30);

    public RegistrableItem(ContentItem item)
    {
        Item = item;
        IsEvent = item.Type == EventTypeName;
        Sessions = item.Ranges(IsEvent ? "when" : "sessions");
        var places = item.Number("places");
        Capacity = IsEvent && places is null ? Unlimited : (int)Math.Clamp(Math.Floor(places ?? 0), 0, Unlimited);
        FirstStartUtc = Sessions.Count > 0 ? Danish.ToUtc(Sessions[0].Start) : null;
        LastEndUtc = Sessions.Count > 0 ? Sessions.Max(s => Danish.ToUtc(s.End)) : null;
    }

    /// <summary>A course, or an event marked «Kræver tilmelding»; null for anything else.</summary>
    public static RegistrableItem? Of(ContentItem item) =>
        item.Type == TypeName || item.Type == EventTypeName && item.Text("signUp") == EventSignUp ? new RegistrableItem(item) : null;

    /// <summary>The section of the item's pages: "kurser" or "begivenheder".</summary>
    public static string SectionOf(string type) => type == EventTypeName ? "begivenheder" : "kurser";

    public bool IsEvent { get; }
    public bool IsUnlimited => Capacity >= Unlimited;
    public string Section => SectionOf(Item.Type);
    /// <summary>"kurset" / "begivenheden", for sentences.</summary>
    public string Noun => IsEvent ? "begivenheden" : "kurset";
    /// <summary>Who signs the mails and what the calendar names as organiser.</summary>
    public string Sender => IsEvent ? "Videnscenter, Center for Psykiatri, Randers Kommune" : "Recoveryskolen, Center for Psykiatri, Randers Kommune";
    public string SignUpUrl => $"/{Section}/{Item.Slug}/tilmeld";
    public string ParticipantsUrl => $"/admin/{Section}/{Item.Slug}/deltagere";
    /// <summary>Where to find others like it: the course catalogue or the events list.</summary>
    public string ListUrl => $"/{Section}";
    public string ListName => IsEvent ? "Kommende begivenheder" : "Recoveryskolens kurser";

    public ContentItem Item { get; }
    /// <summary>In Danish local time, in order.</summary>
    public IReadOnlyList<DateTimeRange> Sessions { get; }
    public int Capacity { get; }
    public DateTime? FirstStartUtc { get; }
    public DateTime? LastEndUtc { get; }

    public string? Semester => Item.Values("semester").FirstOrDefault();
    public IReadOnlyList<string> Audiences => Item.Values("courseAudience");
    public string? Place => Item.Text("place");
    public string Url => $"/{Section}/{Item.Slug}";

    public bool HasStarted(DateTime nowUtc) => FirstStartUtc is { } start && start <= nowUtc;
    public bool HasEnded(DateTime nowUtc) => LastEndUtc is { } end && end <= nowUtc;

    /// <summary>
    /// Open until the first session begins: a course is a group that starts together, so a course
    /// under way ("I gang") or over ("Afholdt") takes no more sign-ups. A course without sessions
    /// or places cannot be signed up for.
    /// </summary>
    public bool IsOpen(DateTime nowUtc) => Sessions.Count > 0 && Capacity > 0 && !HasStarted(nowUtc);

    /// <summary>When the sign-ups of this course are deleted.</summary>
    public DateTime DeleteAfterUtc => (LastEndUtc ?? Item.ModifiedUtc) + RetentionAfterEnd;

    /// <summary>"5 kursusgange fra onsdag 7. oktober 2026, kl. 13.00-15.00": the dates of a course in one line.</summary>
    public string WhenText()
    {
        if (Sessions.Count == 0) return "Datoerne kommer snart";
        if (IsEvent && Sessions.Count > 1) return $"{Sessions.Count} dage fra {Sessions[0].Start.ToString("dddd d. MMMM yyyy", Danish.Culture)} kl. {Time(Sessions[0].Start)}";
        var first = Sessions[0];
        var day = first.Start.ToString("dddd d. MMMM yyyy", Danish.Culture);
        var sameTime = Sessions.All(s => s.Start.TimeOfDay == first.Start.TimeOfDay && s.End.TimeOfDay == first.End.TimeOfDay
                                         && s.Start.Date == s.End.Date);
        var times = sameTime ? $", kl. {Time(first.Start)}-{Time(first.End)}" : $" kl. {Time(first.Start)}";
        return Sessions.Count == 1
            ? $"{Capitalise(day)}{times}"
            : $"{Sessions.Count} kursusgange fra {day}{times}";
    }

    public static string Time(DateTime local) => local.ToString("HH.mm", Danish.Culture);

    public static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpper(s[0], Danish.Culture) + s[1..];

    /// <summary>The date of the first session, for a machine-readable &lt;time&gt;.</summary>
    public string? FirstDateIso => Sessions.Count > 0 ? Sessions[0].Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
}

/// <summary>Places on a course as readers see them.</summary>
public sealed record CourseAvailability(int Capacity, CourseCount Count, bool Ended, bool Started, bool HasSessions, string Noun = "kurset")
{
    public static CourseAvailability Of(RegistrableItem course, CourseCount count, DateTime nowUtc) =>
        new(course.Capacity, count, course.HasEnded(nowUtc), course.HasStarted(nowUtc), course.Sessions.Count > 0, course.Noun);

    public bool Unlimited => Capacity >= RegistrableItem.Unlimited;

    public int PlacesLeft => Math.Max(0, Capacity - Count.Confirmed);
    public bool Full => PlacesLeft == 0;
    public bool Open => HasSessions && Capacity > 0 && !Started && !Ended;

    /// <summary>"3 ledige pladser", "Fuldt – skriv dig på ventelisten", "I gang" or "Afholdt".</summary>
    public string Text => !Open
        ? (Ended ? "Afholdt" : Started ? "I gang" : "Tilmeldingen er ikke åben")
        : Unlimited ? "Åben for tilmelding"
        : Full ? "Fuldt – skriv dig på ventelisten"
        : PlacesLeft == 1 ? "1 ledig plads" : $"{PlacesLeft.ToString(Danish.Culture)} ledige pladser";

    /// <summary>Why the sign-up is closed, as a sentence for the course and sign-up pages.</summary>
    public string ClosedText => Ended ? $"{RegistrableItem.Capitalise(Noun)} er afholdt, så du kan ikke længere tilmelde dig."
        : Started ? $"{RegistrableItem.Capitalise(Noun)} er gået i gang, så du kan ikke længere tilmelde dig."
        : $"Du kan ikke tilmelde dig {Noun} endnu.";

    /// <summary>A CSS modifier: places-open, places-full or places-closed.</summary>
    public string CssClass => !Open ? "places-closed" : Full ? "places-full" : "places-open";
}
