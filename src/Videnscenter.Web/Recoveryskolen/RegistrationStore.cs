using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>How many have a place and how many wait, for one course.</summary>
public sealed record CourseCount(int Confirmed, int Waiting)
{
    public static readonly CourseCount None = new(0, 0);
}

/// <summary>
/// A new sign-up and the secret for its link (never stored in the clear). When the person was
/// already signed up (same e-mail or phone), <see cref="AlreadySignedUp"/> is set, the earlier
/// sign-up is returned and the token is empty: nobody gets a second seat.
/// </summary>
public sealed record SignUpReceipt(CourseRegistration Registration, string Token, bool AlreadySignedUp = false);

/// <summary>What a cancellation did: who was cancelled (their name, before it was wiped) and who moved up.</summary>
public sealed record CancelOutcome(string Name, bool WasAlreadyCancelled, IReadOnlyList<CourseRegistration> Promoted);

/// <summary>
/// Sign-ups, the waiting list and cancellations for Recoveryskolen's courses. Every change that
/// depends on how many places are taken runs under a per-course lock (see <see cref="CourseCounter"/>),
/// so the number of confirmed participants never exceeds the course's places, on SQLite or PostgreSQL.
/// </summary>
public sealed class RegistrationStore(RegistrationsDbContext db, TimeProvider clock, IRegistrationNotifier? notifier = null)
{
    public const string CancelledByParticipant = "deltageren";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // ---- Writing ---------------------------------------------------------------------------

    /// <summary>
    /// Signs a person up: a place if one is free, otherwise the waiting list. The caller has checked
    /// the input and that the course is open; <paramref name="capacity"/> is the course's places now.
    /// </summary>
    public async Task<SignUpReceipt> SignUpAsync(Guid courseId, int capacity, DateTime courseEndsUtc,
        string name, string? email, string? phone, CancellationToken ct = default)
    {
        var (token, hash) = RegistrationToken.Create();
        var emailKey = ContactKeys.Email(email);
        var phoneKey = ContactKeys.Phone(phone);
        await using var courseLock = await LockCourseAsync(courseId, ct);
        // Under the lock, so two quick clicks cannot both pass this check.
        var earlier = await FindSameLockedAsync(courseId, emailKey, phoneKey, ct);
        if (earlier is not null) return new SignUpReceipt(earlier, "", AlreadySignedUp: true);

        var confirmed = await db.Registrations.CountAsync(r => r.CourseId == courseId && r.Status == RegistrationStatus.Confirmed, ct);
        var registration = new CourseRegistration
        {
            Id = Guid.NewGuid(),
            CourseId = courseId,
            Number = courseLock.Counter.NextNumber,
            Name = name.Trim(),
            Email = Blank(email),
            Phone = Blank(phone),
            EmailKey = emailKey,
            PhoneKey = phoneKey,
            Status = confirmed < capacity ? RegistrationStatus.Confirmed : RegistrationStatus.Waiting,
            TokenHash = hash,
            ProtectedToken = notifier?.Protect(token),
            CreatedUtc = Now,
            CourseEndsUtc = courseEndsUtc,
        };
        courseLock.Counter.NextNumber++;
        db.Registrations.Add(registration);
        await db.SaveChangesAsync(ct);
        if (notifier is not null)
            await notifier.SignedUpAsync(db, registration, token, await WaitingPositionAsync(registration, ct), ct);
        await courseLock.CommitAsync(ct);
        return new SignUpReceipt(registration, token);
    }

    /// <summary>A live sign-up of the same person on the course: same e-mail (any case) or same phone number.</summary>
    private Task<CourseRegistration?> FindSameLockedAsync(Guid courseId, string? emailKey, string? phoneKey, CancellationToken ct) =>
        emailKey is null && phoneKey is null
            ? Task.FromResult<CourseRegistration?>(null)
            : db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.CourseId == courseId && r.Status != RegistrationStatus.Cancelled
                && (emailKey != null && r.EmailKey == emailKey || phoneKey != null && r.PhoneKey == phoneKey), ct);

    /// <summary>The live sign-up of the person with this e-mail or phone on the course, if any.</summary>
    public Task<CourseRegistration?> FindSameAsync(Guid courseId, string? email, string? phone, CancellationToken ct = default) =>
        FindSameLockedAsync(courseId, ContactKeys.Email(email), ContactKeys.Phone(phone), ct);

    /// <summary>
    /// Sends the participant's link again to the e-mail of their sign-up (never to an address typed
    /// now). False when the sign-up has no e-mail or the site sends no mail.
    /// </summary>
    public async Task<bool> SendLinkAgainAsync(Guid registrationId, CancellationToken ct = default)
    {
        if (notifier is null) return false;
        db.ChangeTracker.Clear();
        var registration = await db.Registrations.FirstOrDefaultAsync(r => r.Id == registrationId && r.Status != RegistrationStatus.Cancelled, ct);
        if (registration?.Email is null) return false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var token = registration.ProtectedToken is { } p ? notifier.Unprotect(p) : null;
        if (token is null)
        {
            // Signed up before links were kept (or the keys changed): a new link replaces the old one.
            (token, registration.TokenHash) = RegistrationToken.Create();
            registration.ProtectedToken = notifier.Protect(token);
            await db.SaveChangesAsync(ct);
        }
        await notifier.LinkAgainAsync(db, registration, token, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Marks the reminder of one confirmed sign-up as sent and puts it in the outbox, in one
    /// transaction. The conditional UPDATE makes it once only, whichever node runs it.
    /// </summary>
    public async Task<bool> RemindAsync(Guid registrationId, CancellationToken ct = default)
    {
        if (notifier is null) return false;
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = Now;
        var marked = await db.Registrations
            .Where(r => r.Id == registrationId && r.ReminderSentUtc == null && r.Status == RegistrationStatus.Confirmed)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReminderSentUtc, now), ct);
        if (marked == 0) return false;
        var registration = await db.Registrations.AsNoTracking().FirstAsync(r => r.Id == registrationId, ct);
        await notifier.ReminderAsync(db, registration, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Confirmed sign-ups with an e-mail and no reminder yet, on the given courses.</summary>
    public async Task<IReadOnlyList<Guid>> AwaitingReminderAsync(IReadOnlyCollection<Guid> courseIds, CancellationToken ct = default) =>
        courseIds.Count == 0
            ? []
            : await db.Registrations.AsNoTracking()
                .Where(r => courseIds.Contains(r.CourseId) && r.Status == RegistrationStatus.Confirmed && r.ReminderSentUtc == null && r.Email != null)
                .Select(r => r.Id).ToListAsync(ct);

    /// <summary>
    /// Cancels a sign-up and wipes the person's data at once (the row stays so their link can say
    /// "Du er afmeldt"). A freed place goes to the first on the waiting list. Null: no such sign-up.
    /// </summary>
    public async Task<CancelOutcome?> CancelAsync(Guid registrationId, int capacity, string cancelledBy, CancellationToken ct = default)
    {
        var courseId = await db.Registrations.AsNoTracking().Where(r => r.Id == registrationId)
            .Select(r => (Guid?)r.CourseId).FirstOrDefaultAsync(ct);
        if (courseId is null) return null;

        await using var courseLock = await LockCourseAsync(courseId.Value, ct);
        var registration = await db.Registrations.FirstOrDefaultAsync(r => r.Id == registrationId, ct);
        if (registration is null) return null;
        if (registration.Status == RegistrationStatus.Cancelled) return new CancelOutcome("", true, []);

        var name = registration.Name;
        var before = new CourseRegistration
        {
            Id = registration.Id, CourseId = registration.CourseId, Name = registration.Name, Email = registration.Email,
            Status = registration.Status, CancelledBy = cancelledBy,
        };
        registration.Status = RegistrationStatus.Cancelled;
        registration.CancelledUtc = Now;
        registration.CancelledBy = cancelledBy;
        registration.Name = "";
        registration.Email = null;
        registration.Phone = null;
        registration.EmailKey = null;
        registration.PhoneKey = null;
        registration.ProtectedToken = null;
        await db.SaveChangesAsync(ct);
        if (notifier is not null) await notifier.CancelledAsync(db, before, ct);
        var promoted = await FillFreePlacesLockedAsync(courseId.Value, capacity, ct);
        await courseLock.CommitAsync(ct);
        return new CancelOutcome(name, false, promoted);
    }

    /// <summary>
    /// Gives free places to the waiting list in order (after an editor raised the number of places).
    /// Never takes a place from anyone when the number was lowered.
    /// </summary>
    public async Task<IReadOnlyList<CourseRegistration>> FillFreePlacesAsync(Guid courseId, int capacity, CancellationToken ct = default)
    {
        // Most courses have nobody waiting: don't take the lock for them.
        if (!await db.Registrations.AnyAsync(r => r.CourseId == courseId && r.Status == RegistrationStatus.Waiting, ct)) return [];
        await using var courseLock = await LockCourseAsync(courseId, ct);
        var promoted = await FillFreePlacesLockedAsync(courseId, capacity, ct);
        await courseLock.CommitAsync(ct);
        return promoted;
    }

    /// <summary>Deletes every sign-up of a course (data minimisation after the course is over).</summary>
    public async Task<int> DeleteCourseAsync(Guid courseId, CancellationToken ct = default)
    {
        var deleted = await db.Registrations.Where(r => r.CourseId == courseId).ExecuteDeleteAsync(ct);
        await db.Counters.Where(c => c.CourseId == courseId).ExecuteDeleteAsync(ct);
        return deleted;
    }

    private async Task<IReadOnlyList<CourseRegistration>> FillFreePlacesLockedAsync(Guid courseId, int capacity, CancellationToken ct)
    {
        var confirmed = await db.Registrations.CountAsync(r => r.CourseId == courseId && r.Status == RegistrationStatus.Confirmed, ct);
        var free = capacity - confirmed;
        if (free <= 0) return [];
        var movingUp = await db.Registrations
            .Where(r => r.CourseId == courseId && r.Status == RegistrationStatus.Waiting)
            .OrderBy(r => r.Number).Take(free).ToListAsync(ct);
        foreach (var r in movingUp)
        {
            r.Status = RegistrationStatus.Confirmed;
            r.PromotedUtc = Now;
        }
        await db.SaveChangesAsync(ct);
        if (notifier is not null && movingUp.Count > 0) await notifier.PromotedAsync(db, movingUp, ct);
        return movingUp;
    }

    // ---- Reading ---------------------------------------------------------------------------

    public Task<CourseRegistration?> FindByTokenAsync(string? token, CancellationToken ct = default)
    {
        if (!RegistrationToken.LooksValid(token)) return Task.FromResult<CourseRegistration?>(null);
        var hash = RegistrationToken.Hash(token!);
        return db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.TokenHash == hash, ct);
    }

    /// <summary>
    /// The sign-ups (not cancelled) made with this e-mail, oldest first, so a person whose receipt
    /// was lost can be sent their link again. Case and surrounding spaces do not matter.
    /// </summary>
    public async Task<IReadOnlyList<CourseRegistration>> FindByEmailAsync(string email, CancellationToken ct = default)
    {
        var key = email.Trim().ToLowerInvariant();
        if (key.Length == 0) return [];
        return await db.Registrations.AsNoTracking()
            .Where(r => r.Email != null && r.Email.ToLower() == key && r.Status != RegistrationStatus.Cancelled)
            .OrderBy(r => r.CreatedUtc).ToListAsync(ct);
    }

    /// <summary>1 for the first on the waiting list; null when the sign-up is not waiting.</summary>
    public async Task<int?> WaitingPositionAsync(CourseRegistration registration, CancellationToken ct = default)
    {
        if (registration.Status != RegistrationStatus.Waiting) return null;
        return await db.Registrations.CountAsync(r => r.CourseId == registration.CourseId
                                                      && r.Status == RegistrationStatus.Waiting
                                                      && r.Number <= registration.Number, ct);
    }

    /// <summary>
    /// One course's count: asked before every cached course page is served (its places are part of the
    /// page cache's key), so one plain equality rather than the list query of <see cref="CountsAsync"/>.
    /// Not an EF compiled query: those are bound to one model, and the same process may speak SQLite and PostgreSQL (tests).
    /// </summary>
    public async Task<CourseCount> CountAsync(Guid courseId, CancellationToken ct = default)
    {
        var rows = await db.Registrations.AsNoTracking()
            .Where(r => r.CourseId == courseId && r.Status != RegistrationStatus.Cancelled)
            .GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return new CourseCount(
            rows.FirstOrDefault(r => r.Status == RegistrationStatus.Confirmed)?.Count ?? 0,
            rows.FirstOrDefault(r => r.Status == RegistrationStatus.Waiting)?.Count ?? 0);
    }

    public async Task<IReadOnlyDictionary<Guid, CourseCount>> CountsAsync(IEnumerable<Guid> courseIds, CancellationToken ct = default)
    {
        var ids = courseIds.Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<Guid, CourseCount>();
        var rows = await db.Registrations.AsNoTracking()
            .Where(r => ids.Contains(r.CourseId) && r.Status != RegistrationStatus.Cancelled)
            .GroupBy(r => new { r.CourseId, r.Status })
            .Select(g => new { g.Key.CourseId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.CourseId).ToDictionary(g => g.Key, g => new CourseCount(
            g.Where(r => r.Status == RegistrationStatus.Confirmed).Sum(r => r.Count),
            g.Where(r => r.Status == RegistrationStatus.Waiting).Sum(r => r.Count)));
    }

    /// <summary>Participants and the waiting list of a course, in order of arrival (cancelled ones left out).</summary>
    public async Task<IReadOnlyList<CourseRegistration>> ListAsync(Guid courseId, CancellationToken ct = default) =>
        await db.Registrations.AsNoTracking()
            .Where(r => r.CourseId == courseId && r.Status != RegistrationStatus.Cancelled)
            .OrderBy(r => r.Number).ToListAsync(ct);

    /// <summary>Every course that has sign-ups, with the latest end date known at sign-up.</summary>
    public async Task<IReadOnlyList<(Guid CourseId, DateTime EndsUtc)>> CoursesAsync(CancellationToken ct = default)
    {
        var rows = await db.Registrations.AsNoTracking()
            .GroupBy(r => r.CourseId)
            .Select(g => new { CourseId = g.Key, EndsUtc = g.Max(r => r.CourseEndsUtc) })
            .ToListAsync(ct);
        return rows.Select(r => (r.CourseId, r.EndsUtc)).ToList();
    }

    // ---- The per-course lock ---------------------------------------------------------------

    /// <summary>
    /// Starts a transaction that holds the course's lock until it ends. PostgreSQL: the course's
    /// counter row is locked with SELECT … FOR UPDATE; a second sign-up waits there and then counts
    /// what the first committed (READ COMMITTED reads afresh per statement). SQLite has no row
    /// locks: BEGIN IMMEDIATE takes the database's write lock before anything is read, and other
    /// writers wait (Microsoft.Data.Sqlite retries a busy database until the command timeout).
    /// </summary>
    private async Task<CourseLock> LockCourseAsync(Guid courseId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (db.Database.IsNpgsql())
        {
            var tx = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
            try
            {
                await db.Database.ExecuteSqlAsync(
                    $"""INSERT INTO "CourseCounters" ("CourseId", "NextNumber") VALUES ({courseId}, 1) ON CONFLICT DO NOTHING""", ct);
                var counter = (await db.Counters
                    .FromSql($"""SELECT * FROM "CourseCounters" WHERE "CourseId" = {courseId} FOR UPDATE""")
                    .ToListAsync(ct)).Single();
                return new CourseLock(db, tx, null, counter);
            }
            catch
            {
                await tx.DisposeAsync();
                throw;
            }
        }

        await db.Database.OpenConnectionAsync(ct);
        DbTransaction? immediate = null;
        try
        {
            immediate = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: false);
            var tx = await db.Database.UseTransactionAsync(immediate, ct)
                     ?? throw new InvalidOperationException("EF Core tog ikke SQLite-transaktionen i brug.");
            var counter = await db.Counters.FirstOrDefaultAsync(c => c.CourseId == courseId, ct);
            if (counter is null)
            {
                counter = new CourseCounter { CourseId = courseId, NextNumber = 1 };
                db.Counters.Add(counter);
            }
            return new CourseLock(db, tx, immediate, counter);
        }
        catch
        {
            if (immediate is not null) await immediate.DisposeAsync();
            await db.Database.CloseConnectionAsync();
            throw;
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The open transaction and the locked counter row; disposing without commit rolls back.</summary>
    private sealed class CourseLock(RegistrationsDbContext db, IDbContextTransaction tx, DbTransaction? sqlite, CourseCounter counter)
        : IAsyncDisposable
    {
        public CourseCounter Counter { get; } = counter;

        public Task CommitAsync(CancellationToken ct) => tx.CommitAsync(ct);

        public async ValueTask DisposeAsync()
        {
            await tx.DisposeAsync();
            if (sqlite is not null)
            {
                // EF does not own a transaction handed to it with UseTransaction; nor the connection we opened.
                await sqlite.DisposeAsync();
                await db.Database.CloseConnectionAsync();
            }
            db.ChangeTracker.Clear();
        }
    }
}
