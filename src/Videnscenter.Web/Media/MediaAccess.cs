using System.Security.Claims;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Media.Library;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Media;

/// <summary>
/// Who may fetch a library file. The audience rule reaches files through the content that uses
/// them: a reader may fetch a file iff they may see at least one published item that uses it (in a
/// media field or as a /medier/… link in its text). Files no published item uses are for editors
/// only. Everyone else gets 404, as for content they may not see.
/// </summary>
/// <remarks>
/// The lowest audience per file is computed from the published items and kept until content is
/// published, unpublished or archived (<see cref="MediaAccessInvalidator"/>), so serving an image
/// does not read every item.
/// </remarks>
public sealed class MediaAccess(IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private Dictionary<string, Audience>? _lowest;
    private long _generation;

    public static bool IsEditor(ClaimsPrincipal user) => user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Administrator);

    public async Task<bool> CanReadAsync(ClaimsPrincipal user, string name, CancellationToken ct = default)
    {
        if (IsEditor(user)) return true;
        var lowest = await LowestAudiencesAsync(ct);
        return lowest.TryGetValue(name, out var audience) && audience <= user.ReaderAudience();
    }

    /// <summary>Published content changed: recompute on the next request.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _lowest, null);
    }

    private async Task<Dictionary<string, Audience>> LowestAudiencesAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _lowest) is { } current) return current;
        await _building.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref _lowest) is { } built) return built;
            var generation = Interlocked.Read(ref _generation);
            var lowest = await BuildAsync(ct);
            // Content changed while we read it: answer with what we read, but do not keep it.
            if (Interlocked.Read(ref _generation) == generation) Volatile.Write(ref _lowest, lowest);
            return lowest;
        }
        finally
        {
            _building.Release();
        }
    }

    private async Task<Dictionary<string, Audience>> BuildAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var schema = await scope.ServiceProvider.GetRequiredService<SchemaStore>().GetAsync(ct);
        var items = await scope.ServiceProvider.GetRequiredService<ContentStore>().ListPublishedAsync(null, Audience.Medarbejder, ct);
        var lowest = new Dictionary<string, Audience>(StringComparer.Ordinal);
        foreach (var item in items)
            foreach (var name in MediaUsage.NamesIn(item, schema.Type(item.Type)))
                if (!lowest.TryGetValue(name, out var seen) || item.Audience < seen) lowest[name] = item.Audience;
        return lowest;
    }
}

/// <summary>Publishing, unpublishing and archiving change who may see which files.</summary>
public sealed class MediaAccessInvalidator(MediaAccess access) : IContentEventHandler
{
    public Task HandleAsync(ContentEvent contentEvent, CancellationToken ct)
    {
        access.Invalidate();
        return Task.CompletedTask;
    }
}
