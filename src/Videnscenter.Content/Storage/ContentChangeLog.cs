using Microsoft.EntityFrameworkCore;
using Videnscenter.Content.Items;

namespace Videnscenter.Content.Storage;

/// <summary>
/// Writes a change together with its change-log rows in one transaction (the outbox pattern), so a
/// change is never committed without the entry that tells the other nodes about it.
/// </summary>
/// <remarks>
/// On PostgreSQL two transactions could take ids 7 and 8 and commit 8 first; a node reading then
/// would move past 7 for good. Writers therefore take one transaction-scoped advisory lock before
/// their insert, so ids commit in the order they were given (content changes are editors' clicks,
/// the lock costs nothing noticeable). The NOTIFY is delivered by PostgreSQL at commit, waking the
/// nodes that LISTEN on <see cref="NotifyChannel"/>. SQLite has one writer at a time anyway.
/// </remarks>
public static class ContentChangeLog
{
    /// <summary>The PostgreSQL channel a notification is sent on when changes commit.</summary>
    public const string NotifyChannel = "videnscenter_content_changes";

    /// <summary>Key of the advisory lock that orders change-log writers (any fixed number, distinct from our other locks).</summary>
    public const long WriterLockKey = 0x5643_0001;

    /// <summary>The kinds that change what readers can see and must reach every node.</summary>
    public static bool IsLogged(ContentEventKind kind) =>
        kind is ContentEventKind.Published or ContentEventKind.Unpublished or ContentEventKind.Archived;

    /// <summary>Saves the tracked changes of <paramref name="db"/> and one change-log row per entry, atomically.</summary>
    public static async Task SaveWithChangesAsync(ContentDbContext db, IEnumerable<(Guid ItemId, ContentEventKind Kind)> changes, CancellationToken ct)
    {
        var postgres = db.Database.IsNpgsql();
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            if (postgres) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({WriterLockKey})", ct);
            var now = DateTime.UtcNow;
            foreach (var (itemId, kind) in changes)
                db.Changes.Add(new ContentChangeRecord { ItemId = itemId, Kind = kind, CreatedUtc = now });
            await db.SaveChangesAsync(ct);
            if (postgres) await db.Database.ExecuteSqlAsync($"SELECT pg_notify({NotifyChannel}, '')", ct);
            if (own is not null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>The id of the newest change-log entry (0 when there is none).</summary>
    public static async Task<long> LastIdAsync(ContentDbContext db, CancellationToken ct) =>
        await db.Changes.MaxAsync(c => (long?)c.Id, ct) ?? 0;
}
