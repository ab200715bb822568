using Microsoft.EntityFrameworkCore;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Mail;

/// <summary>
/// The outbox's rows as the sender sees them. Claiming is one UPDATE that sets a lease on a batch of
/// due rows: on PostgreSQL the candidate rows are picked with FOR UPDATE SKIP LOCKED, so two nodes
/// never take the same row and never wait for each other; on SQLite the UPDATE itself holds the
/// database's write lock. A row is marked sent only by the claim that holds it.
/// </summary>
public sealed class OutboxStore(MailDbContext db, MailOptions options, TimeProvider clock)
{
    public const int BatchSize = 20;
    /// <summary>Longer than a batch can take (30 s timeout per mail); a node that dies mid-batch frees its rows after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string node, CancellationToken ct)
    {
        var claim = $"{node}/{Guid.NewGuid():N}";
        var now = Now;
        var until = now + Lease;
        const int pending = (int)OutboxStatus.Pending;
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "OutboxMessages" SET "LeasedBy" = {claim}, "LeaseUntilUtc" = {until}
                WHERE "Id" IN (SELECT "Id" FROM "OutboxMessages"
                               WHERE "Status" = {pending} AND "NextAttemptUtc" <= {now}
                                 AND ("LeaseUntilUtc" IS NULL OR "LeaseUntilUtc" < {now})
                               ORDER BY "NextAttemptUtc" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED)
                """, ct);
        else
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "OutboxMessages" SET "LeasedBy" = {claim}, "LeaseUntilUtc" = {until}
                WHERE "Id" IN (SELECT "Id" FROM "OutboxMessages"
                               WHERE "Status" = {pending} AND "NextAttemptUtc" <= {now}
                                 AND ("LeaseUntilUtc" IS NULL OR "LeaseUntilUtc" < {now})
                               ORDER BY "NextAttemptUtc" LIMIT {BatchSize})
                """, ct);
        return await db.Outbox.AsNoTracking().Where(m => m.LeasedBy == claim).OrderBy(m => m.CreatedUtc).ToListAsync(ct);
    }

    public Task MarkSentAsync(OutboxMessage mail, CancellationToken ct) =>
        db.Outbox.Where(m => m.Id == mail.Id && m.LeasedBy == mail.LeasedBy).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sent)
            .SetProperty(m => m.SentUtc, Now)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LastError, (string?)null)
            .SetProperty(m => m.LeasedBy, (string?)null)
            .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), ct);

    /// <summary>Back-off: 30 s, 1, 2, 4 … minutes, at most an hour; after the last attempt the mail is marked failed.</summary>
    public Task MarkFailedAsync(OutboxMessage mail, Exception error, CancellationToken ct)
    {
        var attempts = mail.Attempts + 1;
        var status = attempts >= options.MaxAttempts ? OutboxStatus.Failed : OutboxStatus.Pending;
        var message = $"{error.GetType().Name}: {error.Message}";
        if (message.Length > 500) message = message[..500];
        return db.Outbox.Where(m => m.Id == mail.Id && m.LeasedBy == mail.LeasedBy).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, status)
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptUtc, Now + BackOff(attempts))
            .SetProperty(m => m.LastError, message)
            .SetProperty(m => m.LeasedBy, (string?)null)
            .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), ct);
    }

    public static TimeSpan BackOff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20))));

    /// <summary>An administrator sends a failed (or waiting) mail again now.</summary>
    public Task<int> RetryAsync(Guid id, CancellationToken ct) =>
        db.Outbox.Where(m => m.Id == id && m.Status != OutboxStatus.Sent).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Pending)
            .SetProperty(m => m.Attempts, 0)
            .SetProperty(m => m.NextAttemptUtc, Now), ct);
}

/// <summary>
/// Sends the outbox in the background: claims a batch, sends it through <see cref="MailTransport"/>,
/// records each result. A mail server that is down costs only retries; the rows stay until sent.
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, MailOptions options, SiteOptions site, ILogger<OutboxSender> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try { sent = await SendDueAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // The database may be briefly unreachable; the next round tries again.
                log.LogError(e, "Udbakken kunne ikke behandles.");
            }
            if (sent < OutboxStore.BatchSize)
            {
                try { await Task.Delay(poll, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>One round: the number of mails the round handled.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<OutboxStore>();
        var transport = scope.ServiceProvider.GetRequiredService<MailTransport>();
        var batch = await store.ClaimAsync(site.NodeName, ct);
        if (batch.Count == 0) return 0;
        await transport.SendBatchAsync(batch, async (mail, error) =>
        {
            if (error is null) await store.MarkSentAsync(mail, CancellationToken.None);
            else
            {
                log.LogWarning("Mail {Id} til {To} kunne ikke sendes (forsøg {Attempt}): {Error}", mail.Id, mail.To, mail.Attempts + 1, error.Message);
                await store.MarkFailedAsync(mail, error, CancellationToken.None);
            }
        }, ct);
        return batch.Count;
    }
}
