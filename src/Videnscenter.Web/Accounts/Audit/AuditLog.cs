using Microsoft.EntityFrameworkCore;
using Videnscenter.Content;

namespace Videnscenter.Web.Accounts.Audit;

/// <summary>What the log page asks for. Dates are Danish calendar days, both inclusive.</summary>
public sealed record AuditQuery
{
    public string? User { get; init; }
    public AuditAction? Action { get; init; }
    public string? Text { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Writes and reads the audit log.</summary>
public sealed class AuditLog(AuditDbContext db, IHttpContextAccessor http)
{
    private const int MaxLength = 400;

    public async Task WriteAsync(AuditAction action, string actor, string target = "", string details = "",
        Guid? itemId = null, string? itemType = null, CancellationToken ct = default)
    {
        actor = Clip(string.IsNullOrWhiteSpace(actor) ? "ukendt" : actor.Trim());
        target = Clip(target.Trim());
        db.Entries.Add(new AuditEntry
        {
            WhenUtc = DateTime.UtcNow,
            Actor = actor,
            ActorKey = actor.ToLowerInvariant(),
            Action = action.ToString(),
            ItemId = itemId,
            ItemType = itemType,
            Target = target,
            TargetKey = target.ToLowerInvariant(),
            Details = Clip(details),
            RemoteAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Entries matching the query, newest first, one page of them.</summary>
    public async Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken ct = default)
    {
        var entries = db.Entries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.User))
        {
            var user = query.User.Trim().ToLowerInvariant();
            entries = entries.Where(e => e.ActorKey.Contains(user));
        }
        if (query.Action is { } action)
        {
            var name = action.ToString();
            entries = entries.Where(e => e.Action == name);
        }
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim().ToLowerInvariant();
            entries = entries.Where(e => e.TargetKey.Contains(text));
        }
        if (query.From is { } from)
        {
            var fromUtc = Danish.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            entries = entries.Where(e => e.WhenUtc >= fromUtc);
        }
        if (query.To is { } to)
        {
            var untilUtc = Danish.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            entries = entries.Where(e => e.WhenUtc < untilUtc);
        }

        var total = await entries.CountAsync(ct);
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var rows = await entries.OrderByDescending(e => e.WhenUtc).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new AuditPage(rows, total, page, pageSize);
    }

    private static string Clip(string s) => s.Length <= MaxLength ? s : s[..MaxLength] + "…";
}
