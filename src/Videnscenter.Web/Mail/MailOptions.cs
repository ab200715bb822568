using MailKit.Security;
using MimeKit;

namespace Videnscenter.Web.Mail;

/// <summary>
/// The "Mail" section of the configuration. Without <see cref="Host"/> no server is needed: mails
/// are written as .eml files to <c>App_Data/mail/</c> (the embedded default).
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The SMTP server; empty: write .eml files to the mail folder instead.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>"Auto" (STARTTLS when the server offers it), "StartTls" (required), "SslOnConnect" (port 465) or "None".</summary>
    public string Security { get; set; } = "Auto";
    public string? User { get; set; }
    public string? Password { get; set; }
    /// <summary>The From address, e.g. <c>Videnscenter &lt;noreply@randers.dk&gt;</c>.</summary>
    public string Sender { get; set; } = "Videnscenter, Center for Psykiatri <noreply@videnscenter.randers.dk>";
    /// <summary>How often the sender looks for new mails, in seconds.</summary>
    public double PollSeconds { get; set; } = 5;
    /// <summary>Attempts before a mail is marked failed (the back-off doubles from 30 s up to an hour).</summary>
    public int MaxAttempts { get; set; } = 10;
    /// <summary>The mail folder of the embedded default; empty: <c>mail/</c> under the data path.</summary>
    public string? PickupPath { get; set; }

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Host);

    public SecureSocketOptions SocketOptions => Security.Trim().ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "sslonconnect" or "ssl" => SecureSocketOptions.SslOnConnect,
        "auto" or "" => SecureSocketOptions.StartTlsWhenAvailable,
        _ => throw new InvalidOperationException($"Mail:Security «{Security}» kendes ikke. Brug Auto, StartTls, SslOnConnect eller None."),
    };

    public MailboxAddress SenderAddress => MailboxAddress.TryParse(Sender, out var address)
        ? address
        : throw new InvalidOperationException($"Mail:Sender «{Sender}» er ikke en gyldig afsenderadresse.");

    /// <summary>Checks the settings at start-up so a typo stops the site with a clear message, not the first mail.</summary>
    public void Validate()
    {
        _ = SocketOptions;
        _ = SenderAddress;
        if (Port is < 1 or > 65535) throw new InvalidOperationException($"Mail:Port {Port} skal være mellem 1 og 65535.");
        if (PollSeconds is <= 0 or > 3600) throw new InvalidOperationException("Mail:PollSeconds skal være mellem 0 og 3600.");
        if (MaxAttempts is < 1 or > 100) throw new InvalidOperationException("Mail:MaxAttempts skal være mellem 1 og 100.");
    }
}
