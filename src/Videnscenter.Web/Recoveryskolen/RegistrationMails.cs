using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Web.Events;
using Videnscenter.Web.Mail;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>
/// What the registration store tells the world, always inside the transaction of the change (the
/// <paramref name="db"/> passed in), so a mail exists if and only if the change does.
/// </summary>
public interface IRegistrationNotifier
{
    string Protect(string token);
    /// <summary>Null when the token cannot be decrypted (keys lost).</summary>
    string? Unprotect(string protectedToken);
    Task SignedUpAsync(DbContext db, CourseRegistration registration, string token, int? waitingPosition, CancellationToken ct);
    Task PromotedAsync(DbContext db, IReadOnlyList<CourseRegistration> promoted, CancellationToken ct);
    /// <summary><paramref name="before"/>: the sign-up as it was just before its data was wiped.</summary>
    Task CancelledAsync(DbContext db, CourseRegistration before, CancellationToken ct);
    Task ReminderAsync(DbContext db, CourseRegistration registration, CancellationToken ct);
    Task LinkAgainAsync(DbContext db, CourseRegistration registration, string token, CancellationToken ct);
}

/// <summary>The sign-up mails: confirmation with the sessions as .ics, waiting list, a place from the waiting list, reminder, cancellation, the link again.</summary>
/// <remarks>
/// The content store is fetched from the request's services when a mail is made, not injected:
/// the store's event handlers include <see cref="CourseCapacityHandler"/>, which needs the
/// registration store, which needs this class, so injecting it would be a circle.
/// </remarks>
public sealed class RegistrationMails(IServiceProvider services, MailOutbox outbox, IDataProtectionProvider protection, TimeProvider clock)
    : IRegistrationNotifier
{
    private readonly IDataProtector _protector = protection.CreateProtector("Videnscenter.Recoveryskolen.RegistrationLink");

    private ContentStore Store => services.GetRequiredService<ContentStore>();

    public string Protect(string token) => _protector.Protect(token);

    public string? Unprotect(string protectedToken)
    {
        try { return _protector.Unprotect(protectedToken); }
        catch (CryptographicException) { return null; }
    }

    public async Task SignedUpAsync(DbContext db, CourseRegistration registration, string token, int? waitingPosition, CancellationToken ct)
    {
        if (registration.Email is null) return;
        var course = await CourseLookup.ForSystemAsync(Store, registration.CourseId, ct);
        if (course is null) return;
        var values = Values(course, registration, token);
        if (registration.Status == RegistrationStatus.Waiting)
        {
            values["nummer"] = (waitingPosition ?? 1).ToString(Danish.Culture);
            await outbox.EnqueueAsync(db, new MailRequest(registration.Email, registration.Name, MailKinds.SignUpWaiting, values), ct);
            return;
        }
        await outbox.EnqueueAsync(db, new MailRequest(registration.Email, registration.Name, MailKinds.SignUpConfirmed, values, [Calendar(course)]), ct);
    }

    public async Task PromotedAsync(DbContext db, IReadOnlyList<CourseRegistration> promoted, CancellationToken ct)
    {
        var withMail = promoted.Where(r => r.Email is not null).ToList();
        if (withMail.Count == 0) return;
        var course = await CourseLookup.ForSystemAsync(Store, withMail[0].CourseId, ct);
        if (course is null) return;
        await outbox.EnqueueAsync(db, withMail.Select(r => new MailRequest(r.Email!, r.Name, MailKinds.SignUpPromoted,
            Values(course, r, TokenOf(r)), [Calendar(course)])), ct);
    }

    public async Task CancelledAsync(DbContext db, CourseRegistration before, CancellationToken ct)
    {
        if (before.Email is null) return;
        var course = await CourseLookup.ForSystemAsync(Store, before.CourseId, ct);
        if (course is null) return;
        var values = Values(course, before, null);
        values["kursuslink"] = outbox.Link(course.Url);
        await outbox.EnqueueAsync(db, new MailRequest(before.Email, before.Name, MailKinds.SignUpCancelled, values), ct);
    }

    public async Task ReminderAsync(DbContext db, CourseRegistration registration, CancellationToken ct)
    {
        if (registration.Email is null) return;
        var course = await CourseLookup.ForSystemAsync(Store, registration.CourseId, ct);
        if (course is null || course.Sessions.Count == 0) return;
        var values = Values(course, registration, TokenOf(registration));
        var first = course.Sessions[0];
        values["tid"] = $"{RegistrableItem.Capitalise(first.Start.ToString("dddd d. MMMM yyyy", Danish.Culture))} kl. {RegistrableItem.Time(first.Start)}-{RegistrableItem.Time(first.End)}";
        await outbox.EnqueueAsync(db, new MailRequest(registration.Email, registration.Name, MailKinds.SignUpReminder, values, [Calendar(course)]), ct);
    }

    public async Task LinkAgainAsync(DbContext db, CourseRegistration registration, string token, CancellationToken ct)
    {
        if (registration.Email is null) return;
        var course = await CourseLookup.ForSystemAsync(Store, registration.CourseId, ct);
        if (course is null) return;
        await outbox.EnqueueAsync(db, new MailRequest(registration.Email, registration.Name, MailKinds.SignUpLinkAgain,
            Values(course, registration, token)), ct);
    }

    private string? TokenOf(CourseRegistration registration) =>
        registration.ProtectedToken is { } p ? Unprotect(p) : null;

    private Dictionary<string, string> Values(RegistrableItem course, CourseRegistration registration, string? token) => new()
    {
        ["navn"] = registration.Name,
        ["kursus"] = course.Item.Title,
        ["tid"] = course.WhenText(),
        ["sted"] = course.Place ?? "Oplyses senere",
        // Without a usable token (keys lost), the course page is the best we can offer.
        ["link"] = outbox.Link(token is null ? course.Url : ReceiptModel.UrlOf(token)),
        ["afsender"] = course.Sender,
    };

    private MailAttachment Calendar(RegistrableItem course) =>
        new($"{course.Item.Slug}.ics", "text/calendar; charset=utf-8; method=PUBLISH",
            ICalendarWriter.WriteUtf8($"Recoveryskolen: {course.Item.Title}", CourseCalendar.Events(course, outbox.BaseUrl), clock.GetUtcNow().UtcDateTime));
}

/// <summary>
/// Puts the reminders two days before a course's first session into the outbox. Runs every ten
/// minutes on the one node that takes the turn (a lease row), and each reminder is marked in the
/// same transaction, so nobody gets two.
/// </summary>
public sealed class CourseReminderService(IServiceScopeFactory scopes, Hosting.SiteOptions site, TimeProvider clock, ILogger<CourseReminderService> log)
    : BackgroundService
{
    public const string JobName = "kursus-paamindelser";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
                if (await leases.TryTakeTurnAsync(JobName, site.NodeName, Interval - TimeSpan.FromSeconds(30), stoppingToken))
                    await RemindDueAsync(scope.ServiceProvider, clock.GetUtcNow().UtcDateTime, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Påmindelser om kurser kunne ikke sendes; prøver igen om lidt.");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Every due reminder: the course's first session is within two days and has not begun. Returns how many.</summary>
    public static async Task<int> RemindDueAsync(IServiceProvider services, DateTime nowUtc, CancellationToken ct)
    {
        var registrations = services.GetRequiredService<RegistrationStore>();
        var store = services.GetRequiredService<ContentStore>();
        var due = new List<Guid>();
        foreach (var (courseId, _) in await registrations.CoursesAsync(ct))
        {
            var course = await CourseLookup.ForSystemAsync(store, courseId, ct);
            if (course?.FirstStartUtc is { } start && start > nowUtc && start - Ahead <= nowUtc) due.Add(courseId);
        }
        var sent = 0;
        foreach (var id in await registrations.AwaitingReminderAsync(due, ct))
            if (await registrations.RemindAsync(id, ct)) sent++;
        return sent;
    }
}
