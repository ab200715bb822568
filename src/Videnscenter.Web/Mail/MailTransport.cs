using MailKit.Net.Smtp;
using MimeKit;
using Videnscenter.Web.Hosting;

namespace Videnscenter.Web.Mail;

/// <summary>Hands a batch of mails to the SMTP server, or writes them to the mail folder when no server is configured.</summary>
public sealed class MailTransport(MailOptions options, SiteOptions site)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The folder of the embedded default (App_Data/mail/).</summary>
    public string PickupFolder => string.IsNullOrWhiteSpace(options.PickupPath)
        ? Path.Combine(site.DataPath, "mail")
        : Path.GetFullPath(Path.Combine(site.DataPath, options.PickupPath));

    /// <summary>Opens one connection for a batch; <paramref name="done"/> is called once per mail with its error or null.</summary>
    public async Task SendBatchAsync(IReadOnlyList<OutboxMessage> batch, Func<OutboxMessage, Exception?, Task> done, CancellationToken ct)
    {
        if (!options.UsesSmtp)
        {
            foreach (var mail in batch)
            {
                Exception? error = null;
                try { await WriteFileAsync(mail, ct); }
                catch (IOException e) { error = e; }
                catch (UnauthorizedAccessException e) { error = e; }
                await done(mail, error);
            }
            return;
        }

        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.Host!, options.Port, options.SocketOptions, ct);
            if (!string.IsNullOrEmpty(options.User)) await client.AuthenticateAsync(options.User, options.Password ?? "", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The server is down or refuses us: every mail of the batch waits for its next attempt.
            foreach (var mail in batch) await done(mail, e);
            return;
        }
        Exception? lost = null;
        foreach (var mail in batch)
        {
            if (lost is not null)
            {
                // The connection broke on an earlier mail: these wait for their next attempt too.
                await done(mail, lost);
                continue;
            }
            Exception? error = null;
            try
            {
                using var stream = new MemoryStream(mail.Mime, writable: false);
                var message = await MimeMessage.LoadAsync(stream, ct);
                await client.SendAsync(message, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException) { error = e; }
            await done(mail, error);
            if (error is not null && !client.IsConnected) lost = error;
        }
        if (client.IsConnected) await client.DisconnectAsync(quit: true, ct);
    }

    /// <summary>Named by the mail's id, written beside and then moved: a retry overwrites, never duplicates.</summary>
    private async Task WriteFileAsync(OutboxMessage mail, CancellationToken ct)
    {
        Directory.CreateDirectory(PickupFolder);
        var target = Path.Combine(PickupFolder, $"{mail.CreatedUtc:yyyyMMdd-HHmmss}-{mail.Id:N}.eml");
        var temporary = target + ".tmp";
        await File.WriteAllBytesAsync(temporary, mail.Mime, ct);
        File.Move(temporary, target, overwrite: true);
    }
}
