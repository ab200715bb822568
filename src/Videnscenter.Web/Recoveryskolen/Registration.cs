namespace Videnscenter.Web.Recoveryskolen;

public enum RegistrationStatus
{
    /// <summary>Has a place on the course.</summary>
    Confirmed = 1,
    /// <summary>On the waiting list; moves up by itself when a place is freed.</summary>
    Waiting = 2,
    /// <summary>Cancelled by the participant or an editor; the personal data is already wiped.</summary>
    Cancelled = 3,
}

/// <summary>
/// One sign-up for a course. There is no user account behind it: the participant reaches it only
/// through the secret link shown on the receipt page, of which we keep just a SHA-256 hash.
/// </summary>
public sealed class CourseRegistration
{
    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    /// <summary>Per course, in order of arrival: the waiting list moves up in this order.</summary>
    public int Number { get; set; }
    public string Name { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public RegistrationStatus Status { get; set; }
    /// <summary>Lower-case hex SHA-256 of the participant's link token.</summary>
    public string TokenHash { get; set; } = "";
    /// <summary>
    /// The link token encrypted with the site's data-protection keys, so later mails (a place from the
    /// waiting list, the reminder, "send my link again") can carry the link. A copy of the database
    /// alone does not reveal it. Wiped on cancellation.
    /// </summary>
    public string? ProtectedToken { get; set; }
    /// <summary>The e-mail in lower case: the same person signing up twice is recognised by it.</summary>
    public string? EmailKey { get; set; }
    /// <summary>The phone number's last 8 digits (without +45 or spaces), for the same purpose.</summary>
    public string? PhoneKey { get; set; }
    /// <summary>When the reminder before the first session was put in the outbox.</summary>
    public DateTime? ReminderSentUtc { get; set; }
    public DateTime CreatedUtc { get; set; }
    /// <summary>Set when the participant moved up from the waiting list to a place.</summary>
    public DateTime? PromotedUtc { get; set; }
    public DateTime? CancelledUtc { get; set; }
    /// <summary>"deltageren" or the editor's user name.</summary>
    public string? CancelledBy { get; set; }
    /// <summary>
    /// When the course's last session ended, as known at sign-up: the deletion deadline counts from
    /// it if the course itself is gone. While the course exists, its current sessions decide.
    /// </summary>
    public DateTime CourseEndsUtc { get; set; }
}

/// <summary>
/// One row per course that has had sign-ups. Every sign-up and cancellation locks this row first
/// (PostgreSQL: SELECT … FOR UPDATE; SQLite: the whole database with BEGIN IMMEDIATE), so two
/// people can never take the same last place.
/// </summary>
public sealed class CourseCounter
{
    public Guid CourseId { get; set; }
    public int NextNumber { get; set; }
}
