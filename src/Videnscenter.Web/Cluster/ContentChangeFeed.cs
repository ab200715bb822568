using Microsoft.EntityFrameworkCore;
using Npgsql;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Content.Settings;
using Videnscenter.Content.Storage;
using Videnscenter.Web.Hosting;
using Videnscenter.Web.Search;

namespace Videnscenter.Web.Cluster;

/// <summary>
/// Keeps this node's search index in step with the content change log that every node writes to
/// (<see cref="ContentChangeLog"/>): applies the entries after its position in order, re-reading
/// each item's current live version, and tells <see cref="ContentChangeNotifications"/>. It wakes on
/// PostgreSQL NOTIFY (one LISTEN connection per node), applies this node's own changes at once, and otherwise
/// polls every <see cref="PollInterval"/>, so a lost connection only slows it down.
/// </summary>
public sealed class ContentChangeFeed(
    IServiceScopeFactory scopes,
    SiteSearch search,
    IndexPosition position,
    ContentChangeNotifications notifications,
    JobLeases leases,
    SiteOptions site,
    TimeProvider clock,
    ILogger<ContentChangeFeed> log) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    /// <summary>Entries older than this are pruned even if a node that was last seen long ago has not applied them.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    public const int BatchSize = 500;
    /// <summary>Settings key: the highest change-log id pruned; a node behind it rebuilds its index instead of replaying.</summary>
    public const string PrunedThroughSetting = "cluster.changesPrunedThrough";
    private const string PruneJob = "content-change-log-prune";
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly SemaphoreSlim _applying = new(1, 1);
    private long _position;
    private DateTime _lastHeartbeat;
    private readonly DateTime _startedUtc = clock.GetUtcNow().UtcDateTime;

    /// <summary>The last change-log entry applied to this node's index.</summary>
    public long Position => Interlocked.Read(ref _position);

    /// <summary>The lag as measured after the last poll or wake (for metrics, which must not query).</summary>
    public (long Entries, TimeSpan Age) LastLag { get; private set; }

    /// <summary>Something changed: apply now instead of at the next poll.</summary>
    public void Wake()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { /* already woken */ }
    }

    /// <summary>
    /// At start-up, before the site serves: gives the index a position (rebuilding it from the store
    /// when it has none) and applies everything written while this node was down.
    /// </summary>
    /// <param name="snapshotBeforeRecipe">The log's last id before the recipe ran; used when the search step has just built the index.</param>
    /// <param name="indexBuiltAfterSnapshot">The search step built the index from the store after <paramref name="snapshotBeforeRecipe"/>.</param>
    public async Task StartAsync(IServiceProvider services, long snapshotBeforeRecipe, bool indexBuiltAfterSnapshot, CancellationToken ct)
    {
        if (position.Read() is { } known) Interlocked.Exchange(ref _position, known);
        else if (indexBuiltAfterSnapshot) SetPosition(snapshotBeforeRecipe);
        else await RebuildAsync(services, ct);
        // Known to the cluster before anything is pruned on its behalf.
        await HeartbeatAsync(ct, force: true);
        await CatchUpAsync(ct);
    }

    /// <summary>Applies every entry written so far.</summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        while (await ApplyBatchAsync(ct) == BatchSize) { }
    }

    /// <summary>Rebuilds the index from the content store and positions it at the log's end as it was before the rebuild read.</summary>
    private async Task RebuildAsync(IServiceProvider services, CancellationToken ct)
    {
        long snapshot;
        await using (var scope = scopes.CreateAsyncScope())
            snapshot = await ContentChangeLog.LastIdAsync(scope.ServiceProvider.GetRequiredService<ContentDbContext>(), ct);
        await SearchFeature.EnsureIndexAsync(services, force: true, ct);
        SetPosition(snapshot);
    }

    private void SetPosition(long value)
    {
        position.Write(value);
        Interlocked.Exchange(ref _position, value);
    }

    /// <summary>How far this node's index is behind the log: entries, and the age of the oldest one not applied.</summary>
    public async Task<(long Entries, TimeSpan Age)> LagAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
        var applied = Position;
        var pending = db.Changes.AsNoTracking().Where(c => c.Id > applied);
        var count = await pending.LongCountAsync(ct);
        if (count == 0) return (0, TimeSpan.Zero);
        var oldest = await pending.MinAsync(c => c.CreatedUtc, ct);
        var age = clock.GetUtcNow().UtcDateTime - oldest;
        return (count, age < TimeSpan.Zero ? TimeSpan.Zero : age);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listening = site.UsesPostgres ? ListenAsync(stoppingToken) : Task.CompletedTask;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CatchUpAsync(stoppingToken);
                LastLag = await LagAsync(stoppingToken);
                await HeartbeatAsync(stoppingToken);
                await PruneAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly away; the next wake or poll tries again.
                log.LogError(e, "Applying the content change log failed");
            }
            try { await _wake.WaitAsync(PollInterval, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
        await listening;
    }

    /// <summary>Applies up to <see cref="BatchSize"/> entries; returns how many there were.</summary>
    private async Task<int> ApplyBatchAsync(CancellationToken ct)
    {
        await _applying.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<ContentDbContext>();
            var from = Position;
            var changes = await db.Changes.AsNoTracking().Where(c => c.Id > from).OrderBy(c => c.Id).Take(BatchSize)
                .Select(c => new { c.Id, c.ItemId }).ToListAsync(ct);
            // Read after the entries: pruning raises the mark before it deletes, so a node it overtook sees it here.
            if (long.TryParse(await sp.GetRequiredService<SiteSettings>().GetAsync(PrunedThroughSetting, ct), out var pruned) && from < pruned)
            {
                log.LogWarning("Change log pruned past this node's position {Position}; rebuilding the search index", from);
                await RebuildAsync(sp, ct);
                return 0;
            }
            if (changes.Count == 0) return 0;

            var ids = changes.Select(c => c.ItemId).Distinct().ToList();
            var schema = await sp.GetRequiredService<SchemaStore>().GetAsync(ct);
            var store = sp.GetRequiredService<ContentStore>();
            var live = (await store.GetPublishedAsync(ids, Audience.Medarbejder, ct)).ToDictionary(i => i.Id);
            var reindexed = new HashSet<Guid>();
            foreach (var id in ids)
            {
                search.Index.DeleteByPrefix(SearchDocuments.Prefix(id));
                // With the items it refers to resolved, as at publish: a profile keeps the methods it masters.
                if (live.TryGetValue(id, out var item) && schema.Type(item.Type) is { } type)
                    search.Index.Upsert(await search.DocumentsAsync(item, type, schema, store, ct));
                reindexed.Add(id);
            }
            // Items that name a changed item in a levelled reference (profiles naming a method) carry
            // its title in their text, so they are indexed again too, on every node.
            foreach (var id in ids)
                foreach (var referrer in await store.GetPublishedReferencingAsync(id, Audience.Medarbejder, ct))
                {
                    if (!reindexed.Add(referrer.Id) || schema.Type(referrer.Type) is not { } referrerType
                        || !referrerType.Fields.Any(f => f.Kind == FieldKind.Reference && f.Levels.Count > 0)) continue;
                    search.Index.DeleteByPrefix(SearchDocuments.Prefix(referrer.Id));
                    search.Index.Upsert(await search.DocumentsAsync(referrer, referrerType, schema, store, ct));
                }
            // Durable before the position says so: a node killed after this point restarts with both.
            search.Index.Commit();
            SetPosition(changes[^1].Id);
            notifications.Publish(new AppliedContentChanges(ids, changes[^1].Id));
            return changes.Count;
        }
        finally
        {
            _applying.Release();
        }
    }

    /// <summary>Tells the cluster where this node is, for pruning (and for an administrator reading the table).</summary>
    private async Task HeartbeatAsync(CancellationToken ct, bool force = false)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!force && now - _lastHeartbeat < HeartbeatEvery) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClusterDbContext>();
        var applied = Position;
        var updated = await db.Nodes.Where(n => n.Name == site.NodeName)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.AppliedChangeId, applied).SetProperty(n => n.SeenUtc, now), ct);
        if (updated == 0)
        {
            db.Nodes.Add(new ClusterNode { Name = site.NodeName, AppliedChangeId = applied, SeenUtc = now });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) { /* inserted by a twin with the same name: the next beat updates it */ }
        }
        _lastHeartbeat = now;
    }

    /// <summary>Once an hour per cluster: drops entries every node seen within <see cref="Retention"/> has applied, and all older ones.</summary>
    private async Task PruneAsync(CancellationToken ct)
    {
        // Not in a node's first hour: nodes starting beside it have had time to say where they are.
        if (clock.GetUtcNow().UtcDateTime - _startedUtc < PruneEvery) return;
        if (!await leases.TryTakeAsync(PruneJob, PruneEvery, ct)) return;
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var horizon = clock.GetUtcNow().UtcDateTime - Retention;
        var nodes = sp.GetRequiredService<ClusterDbContext>().Nodes.AsNoTracking().Where(n => n.SeenUtc >= horizon);
        var appliedByAll = await nodes.MinAsync(n => (long?)n.AppliedChangeId, ct) ?? 0;
        var db = sp.GetRequiredService<ContentDbContext>();
        var expired = await db.Changes.Where(c => c.CreatedUtc < horizon).MaxAsync(c => (long?)c.Id, ct) ?? 0;
        var cut = Math.Max(appliedByAll, expired);
        if (cut == 0) return;
        var settings = sp.GetRequiredService<SiteSettings>();
        if (long.TryParse(await settings.GetAsync(PrunedThroughSetting, ct), out var before) && before >= cut) return;
        await settings.SetAsync(PrunedThroughSetting, cut.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        var deleted = await db.Changes.Where(c => c.Id <= cut).ExecuteDeleteAsync(ct);
        log.LogInformation("Pruned {Count} content change-log entries up to {Id}", deleted, cut);
    }

    /// <summary>PostgreSQL: one connection per node listening for the commit-time NOTIFY of new entries.</summary>
    private async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(site.ConnectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand($"LISTEN {ContentChangeLog.NotifyChannel}", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                // Whatever committed while nobody listened.
                Wake();
                while (true) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Listening for content changes failed; polling until the connection is back");
                try { await Task.Delay(PollInterval, ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}

/// <summary>
/// This node's own changes are applied before the change returns to the editor: whoever published
/// finds it at once, and a background apply that read the item just before the change cannot leave
/// the older state behind (applies take turns, and this one reads after the commit).
/// </summary>
internal sealed class ApplyLocalChangeAtOnce(ContentChangeFeed feed) : IContentEventHandler
{
    public Task HandleAsync(ContentEvent contentEvent, CancellationToken ct) =>
        ContentChangeLog.IsLogged(contentEvent.Kind) ? feed.CatchUpAsync(ct) : Task.CompletedTask;
}
