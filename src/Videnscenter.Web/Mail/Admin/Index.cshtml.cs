using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Mail.Admin;

/// <summary>/admin/post: every outgoing mail, newest first (recipient, subject, status, time), for administrators.</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class IndexModel(MailDbContext db, OutboxStore outbox, MailOptions options) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? StatusFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "side")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<OutboxMessage> Mails { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public string Delivery => options.UsesSmtp ? $"SMTP-serveren {options.Host}:{options.Port}" : "mappen App_Data/mail/ som .eml-filer (der er ikke sat nogen SMTP-server op)";
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Outbox.AsNoTracking();
        if (Enum.TryParse<OutboxStatus>(StatusFilter, out var status) && Enum.IsDefined(status)) query = query.Where(m => m.Status == status);
        else StatusFilter = null;
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Mails = await query.OrderByDescending(m => m.CreatedUtc).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            // The MIME body is not needed for the list.
            .Select(m => new OutboxMessage
            {
                Id = m.Id, Kind = m.Kind, To = m.To, Subject = m.Subject, Status = m.Status, Attempts = m.Attempts,
                CreatedUtc = m.CreatedUtc, SentUtc = m.SentUtc, NextAttemptUtc = m.NextAttemptUtc, LastError = m.LastError,
            })
            .ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        await outbox.RetryAsync(id, ct);
        TempData["Message"] = "Mailen sendes igen om et øjeblik.";
        return Redirect("/admin/post");
    }

    public static string StatusText(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "Venter",
        OutboxStatus.Sent => "Sendt",
        OutboxStatus.Failed => "Fejlet",
        _ => status.ToString(),
    };
}
