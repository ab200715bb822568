using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Search;

public static class SearchStartup
{
    /// <summary>Rebuilds the index when it is missing, corrupt or from another analyzer version (or when asked to).</summary>
    public static async Task EnsureIndexAsync(IServiceProvider services, bool force, CancellationToken ct = default)
    {
        var search = services.GetRequiredService<SiteSearch>();
        if (!force && !search.NeedsRebuild) return;
        await using var scope = services.CreateAsyncScope();
        var count = await search.RebuildAsync(
            scope.ServiceProvider.GetRequiredService<ContentStore>(),
            scope.ServiceProvider.GetRequiredService<SchemaStore>(), ct);
        Console.WriteLine($"Søgeindekset er bygget: {count} dokumenter i {search.FilePath}.");
    }
}
