using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MimeKit;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Mail;

/// <summary>A file sent with a mail, e.g. the course's sessions as an .ics file.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>What a feature asks to send: to whom, which template, the values of its placeholders, attachments.</summary>
public sealed record MailRequest(
    string ToAddress,
    string? ToName,
    string Kind,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<MailAttachment>? Attachments = null);

/// <summary>
/// Puts mails into the outbox. A feature passes the DbContext of the action that causes the mail:
/// the mail is written on that context's connection and inside its open transaction, so it is
/// stored if and only if the action is (the transactional outbox). <see cref="OutboxSender"/> sends it.
/// </summary>
public sealed class MailOutbox(MailOptions options, PublicAddress address, TimeProvider clock)
{
    /// <summary>The site's public address for absolute links in mails (Videnscenter:PublicUrl).</summary>
    public string BaseUrl => address.BaseUrl;

    /// <summary>An absolute link for a path of the site, e.g. "/kurser/min-tilmelding/…".</summary>
    public string Link(string path) => BaseUrl + (path.StartsWith('/') ? path : "/" + path);

    /// <summary>
    /// Stores the mails in the caller's transaction when it has one open (commit or roll back with it);
    /// otherwise on the caller's connection in a transaction of their own.
    /// </summary>
    public async Task EnqueueAsync(DbContext causing, IEnumerable<MailRequest> requests, CancellationToken ct = default)
    {
        var list = requests.ToList();
        if (list.Count == 0) return;
        await using var mailDb = SameConnection(causing);
        if (causing.Database.CurrentTransaction is { } transaction)
            await mailDb.Database.UseTransactionAsync(transaction.GetDbTransaction(), ct);
        var templates = new MailTemplates(mailDb);
        foreach (var request in list)
            mailDb.Outbox.Add(await ComposeAsync(templates, request, ct));
        await mailDb.SaveChangesAsync(ct);
    }

    public Task EnqueueAsync(DbContext causing, MailRequest request, CancellationToken ct = default) =>
        EnqueueAsync(causing, [request], ct);

    /// <summary>A MailDbContext on the causing context's own connection object (EF does not open a second one).</summary>
    private static MailDbContext SameConnection(DbContext causing)
    {
        var connection = causing.Database.GetDbConnection();
        var builder = new DbContextOptionsBuilder<MailDbContext>();
        if (causing.Database.IsNpgsql()) builder.UseNpgsql(connection);
        else builder.UseSqlite(connection);
        return new MailDbContext(builder.Options);
    }

    private async Task<OutboxMessage> ComposeAsync(MailTemplates templates, MailRequest request, CancellationToken ct)
    {
        var rendered = MailTemplates.Render(await templates.GetAsync(request.Kind, ct), request.Values);
        var id = Guid.NewGuid();
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new MimeMessage
        {
            Subject = rendered.Subject,
            // Fixed now, so a retry is recognisably the same mail for the receiving server.
            MessageId = $"{id:N}@{new Uri(BaseUrl).Host}",
            Date = clock.GetUtcNow(),
        };
        message.From.Add(options.SenderAddress);
        message.To.Add(new MailboxAddress(request.ToName ?? "", request.ToAddress));
        var body = new BodyBuilder { TextBody = rendered.Text, HtmlBody = rendered.Html };
        foreach (var attachment in request.Attachments ?? [])
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        message.Body = body.ToMessageBody();
        using var stream = new MemoryStream();
        await message.WriteToAsync(stream, ct);
        return new OutboxMessage
        {
            Id = id,
            Kind = request.Kind,
            To = request.ToAddress,
            Subject = rendered.Subject,
            Mime = stream.ToArray(),
            Status = OutboxStatus.Pending,
            CreatedUtc = now,
            NextAttemptUtc = now,
        };
    }
}
