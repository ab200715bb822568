using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Media.Library;
using Videnscenter.Theme.Display;

namespace Videnscenter.Web.Media;

/// <summary>One item that uses a library file, for editors: in its live version, its latest (draft) version, or both.</summary>
public sealed record MediaUse(ContentItem Item, ContentTypeDefinition? Type, bool Live, string? Url)
{
    public string Status => Item.Status switch
    {
        ContentStatus.Archived => "arkiveret",
        _ when Live => "udgivet",
        _ => "kladde",
    };
}

/// <summary>Where library files are used, across every item's live and latest version (a file in use cannot be deleted).</summary>
public sealed class MediaUses(ContentStore store, SchemaStore schemaStore)
{
    public async Task<ILookup<string, MediaUse>> AllAsync(CancellationToken ct = default)
    {
        var schema = await schemaStore.GetAsync(ct);
        var live = await store.ListPublishedAsync(null, Audience.Medarbejder, ct);
        var latest = await store.ListLatestAsync(null, ct);

        var seen = new HashSet<(string Name, Guid Item)>();
        var uses = new List<(string Name, MediaUse Use)>();
        // Live versions first: a use there is what readers see. A use only in a newer draft comes second.
        foreach (var (item, isLive) in live.Select(i => (i, true)).Concat(latest.Select(i => (i, false))))
        {
            var type = schema.Type(item.Type);
            foreach (var name in MediaUsage.NamesIn(item, type))
            {
                if (!seen.Add((name, item.Id))) continue;
                uses.Add((name, new MediaUse(item, type, isLive, isLive ? ContentUrls.Of(schema, item) : null)));
            }
        }
        return uses.OrderBy(u => u.Use.Item.Title, Danish.Sort).ToLookup(u => u.Name, u => u.Use);
    }

    public async Task<IReadOnlyList<MediaUse>> OfAsync(string name, CancellationToken ct = default) =>
        (await AllAsync(ct))[name].ToList();
}
