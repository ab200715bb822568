using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content.Items;
using Videnscenter.Content.Storage;
using Videnscenter.Content.Tests.Harness;

namespace Videnscenter.Content.Tests.Items;

/// <summary>The change log the nodes of a cluster replay: one entry per change that readers can see, committed with it.</summary>
public sealed class ContentChangeLogTests
{
    [Theory, MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Publishing_taking_down_and_archiving_each_write_one_entry_in_order_and_drafts_none(DatabaseKind kind)
    {
        await using var host = await ContentHost.StartAsync(kind);
        var created = await host.StoreAsync(s => s.CreateAsync(new ContentDraft { Type = "Page", Title = "Logside", Body = "Tekst." }, "test"));
        var id = created.Item!.Id;
        Assert.Empty(await EntriesAsync(host));

        await host.StoreAsync(s => s.PublishAsync(id));
        await host.StoreAsync(async s => { await s.UnpublishAsync(id); return 0; });
        await host.StoreAsync(s => s.PublishAsync(id));
        await host.StoreAsync(async s => { await s.ArchiveAsync(id); return 0; });

        var entries = await EntriesAsync(host);
        Assert.Equal([ContentEventKind.Published, ContentEventKind.Unpublished, ContentEventKind.Published, ContentEventKind.Archived],
            entries.Select(e => e.Kind));
        Assert.All(entries, e => Assert.Equal(id, e.ItemId));
        Assert.Equal(entries.Select(e => e.Id).Order(), entries.Select(e => e.Id));
        Assert.Equal(entries[^1].Id, await host.InScopeAsync(sp => ContentChangeLog.LastIdAsync(sp.GetRequiredService<ContentDbContext>(), default)));
    }

    [Theory, MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_change_that_fails_leaves_no_entry(DatabaseKind kind)
    {
        await using var host = await ContentHost.StartAsync(kind);
        var created = await host.StoreAsync(s => s.CreateAsync(new ContentDraft { Type = "Page", Title = "Rullet tilbage", Body = "Tekst." }, "test"));
        await host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ContentDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await ContentChangeLog.SaveWithChangesAsync(db, [(created.Item!.Id, ContentEventKind.Published)], default);
            await tx.RollbackAsync();
            return 0;
        });
        Assert.Empty(await EntriesAsync(host));
    }

    private static Task<List<ContentChangeRecord>> EntriesAsync(ContentHost host) =>
        host.InScopeAsync(sp => sp.GetRequiredService<ContentDbContext>().Changes.AsNoTracking().OrderBy(c => c.Id).ToListAsync());
}
