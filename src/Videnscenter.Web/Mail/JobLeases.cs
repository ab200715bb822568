using Microsoft.EntityFrameworkCore;

namespace Videnscenter.Web.Mail;

/// <summary>
/// Runs a scheduled job once per cluster: the node whose UPDATE moves the job's row forward takes the
/// turn; every other node's UPDATE finds the row already moved and does nothing (on PostgreSQL the
/// second UPDATE waits for the first's row lock and re-reads it; on SQLite writes are serialised).
/// Kept apart from Cluster/JobLeases on purpose: this lease lives in the mail database context, so a
/// mail job's turn and the mails it queues are saved in one transaction (a crash between them can
/// neither lose the month's mails nor send them twice); the cluster's jobs need no such pairing.
/// </summary>
public sealed class JobLeases(MailDbContext db, TimeProvider clock)
{
    /// <summary>True when this node has the job's turn now; the next turn is not before now + <paramref name="interval"/>.</summary>
    public async Task<bool> TryTakeTurnAsync(string job, string node, TimeSpan interval, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var never = DateTime.SpecifyKind(DateTime.UnixEpoch, DateTimeKind.Utc);
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "MailJobLeases" ("Name", "Holder", "UntilUtc", "LastRunUtc") VALUES ({job}, NULL, {never}, NULL) ON CONFLICT DO NOTHING""", ct);
        var until = now + interval;
        var taken = await db.JobLeases.Where(l => l.Name == job && l.UntilUtc <= now).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.Holder, node)
            .SetProperty(l => l.UntilUtc, until)
            .SetProperty(l => l.LastRunUtc, now), ct);
        return taken == 1;
    }
}
