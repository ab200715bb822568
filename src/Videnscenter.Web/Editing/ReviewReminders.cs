using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Web.Hosting;
using Videnscenter.Web.Mail;

namespace Videnscenter.Web.Editing;

/// <summary>
/// Once a month, each method's owner (the competence profile in «Metodeansvarlig») gets one mail
/// listing the methods they own that nobody has reviewed for <see cref="ReviewSchedule.Months"/>
/// months, sent to the profile's «Arbejdsmail». Once per cluster and calendar month: the node that
/// takes the job's lease sends, and the lease and the mails are stored in one transaction, so a
/// crash in between leaves the month's turn for the next try.
/// </summary>
public sealed class ReviewReminderService(IServiceScopeFactory scopes, SiteOptions site, TimeProvider clock, ILogger<ReviewReminderService> log)
    : BackgroundService
{
    public const string JobName = "metoder-til-gennemgang";
    public const string MethodType = "Method";
    public const string OwnerField = "owner";
    public const string OwnerEmailField = "email";

    /// <summary>How often a node looks whether this month's mails are sent.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first look an hour after start: a node that restarts often is not what sends the mail.
        using var timer = new PeriodicTimer(CheckEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await SendIfDueAsync(scope.ServiceProvider, site.NodeName, clock.GetUtcNow().UtcDateTime, stoppingToken);
                if (sent is { } count) log.LogInformation("Monthly review reminders: {Count} mail(s) to method owners", count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Månedens påmindelser om gennemgang kunne ikke sendes; prøver igen om en time.");
            }
        }
    }

    /// <summary>
    /// Sends this month's reminders if no node has yet: the number of mails, or null when it was not
    /// this node's turn. The lease lasts until the first day of next month (Danish time).
    /// </summary>
    public static async Task<int?> SendIfDueAsync(IServiceProvider services, string node, DateTime nowUtc, CancellationToken ct)
    {
        var mailDb = services.GetRequiredService<MailDbContext>();
        await using var transaction = await mailDb.Database.BeginTransactionAsync(ct);
        var untilNextMonth = NextMonthStartUtc(nowUtc) - nowUtc;
        if (!await services.GetRequiredService<JobLeases>().TryTakeTurnAsync(JobName, node, untilNextMonth, ct)) return null;
        var outbox = services.GetRequiredService<MailOutbox>();
        var mails = await ComposeAsync(services.GetRequiredService<ContentStore>(), services.GetRequiredService<SchemaStore>(), outbox, nowUtc, ct);
        await outbox.EnqueueAsync(mailDb, mails, ct);
        await transaction.CommitAsync(ct);
        return mails.Count;
    }

    public static DateTime NextMonthStartUtc(DateTime nowUtc)
    {
        var local = Danish.ToLocal(nowUtc);
        return Danish.ToUtc(new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1));
    }

    /// <summary>One mail per owner with an address and at least one method due; owners without an address are skipped (the dashboard still lists their methods).</summary>
    public static async Task<IReadOnlyList<MailRequest>> ComposeAsync(ContentStore store, SchemaStore schemas, MailOutbox outbox, DateTime nowUtc, CancellationToken ct)
    {
        var schema = await schemas.GetAsync(ct);
        var today = DateOnly.FromDateTime(Danish.ToLocal(nowUtc));
        var due = ReviewSchedule.Due(await store.ListLatestAsync(MethodType, ct), schema, today);
        var mails = new List<MailRequest>();
        foreach (var owned in due.GroupBy(d => d.Item.References(OwnerField).Select(r => (Guid?)r.Id).FirstOrDefault()))
        {
            if (owned.Key is not { } ownerId) continue;
            var owner = await store.GetLatestAsync(ownerId, ct);
            if (owner?.Text(OwnerEmailField) is not { } email || !email.Contains('@')) continue;
            var list = string.Join("\n", owned.OrderBy(d => d.Item.Title, Danish.Sort).Select(d => $"– {d.Item.Title} ({d.Reason})"));
            mails.Add(new MailRequest(email.Trim(), owner.Title, MailKinds.ReviewDue, new Dictionary<string, string>
            {
                ["navn"] = owner.Title,
                ["antal"] = owned.Count().ToString(Danish.Culture),
                ["maaneder"] = ReviewSchedule.Months.ToString(Danish.Culture),
                ["liste"] = list,
                ["link"] = outbox.Link(AdminUrls.Dashboard),
            }));
        }
        return mails;
    }
}
