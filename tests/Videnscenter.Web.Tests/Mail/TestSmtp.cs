using MimeKit;

namespace Videnscenter.Web.Tests.Mail;

/// <summary>
/// The real SMTP server ./test.sh starts on loopback (Debian's aiosmtpd), which writes every mail it
/// receives into a maildir. VIDENSCENTER_TEST_SMTP is its address (127.0.0.1:PORT),
/// VIDENSCENTER_TEST_SMTP_MAILDIR the folder. Tests find their mails by a recipient of their own.
/// </summary>
public static class TestSmtp
{
    public const string AddressVariable = "VIDENSCENTER_TEST_SMTP";
    public const string MaildirVariable = "VIDENSCENTER_TEST_SMTP_MAILDIR";

    public static bool Configured => Environment.GetEnvironmentVariable(AddressVariable) is { Length: > 0 }
                                     && Environment.GetEnvironmentVariable(MaildirVariable) is { Length: > 0 };

    public static (string Host, int Port) Address
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(AddressVariable)
                        ?? throw new InvalidOperationException($"{AddressVariable} er ikke sat; kør testene med ./test.sh.");
            var colon = value.LastIndexOf(':');
            return (value[..colon], int.Parse(value[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public static string Maildir => Environment.GetEnvironmentVariable(MaildirVariable)
                                    ?? throw new InvalidOperationException($"{MaildirVariable} er ikke sat; kør testene med ./test.sh.");

    /// <summary>A recipient no other test uses.</summary>
    public static string NewRecipient(string who = "test") => $"{who}-{Guid.NewGuid():N}@eksempel.dk";

    /// <summary>Every mail the server has received for <paramref name="to"/>, oldest first.</summary>
    public static IReadOnlyList<MimeMessage> MailsTo(string to) => MailsTo(Maildir, to);

    public static IReadOnlyList<MimeMessage> MailsTo(string folder, string to)
    {
        var mails = new List<MimeMessage>();
        foreach (var sub in new[] { "new", "cur", "" })
        {
            var dir = Path.Combine(folder, sub);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.EnumerateFiles(dir))
            {
                MimeMessage message;
                try { message = MimeMessage.Load(file); }
                catch (IOException) { continue; } // being written right now; the next look finds it
                catch (FormatException) { continue; }
                if (message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase))) mails.Add(message);
            }
        }
        return mails.OrderBy(m => m.Date).ToList();
    }

    /// <summary>Waits (polling, up to <paramref name="timeout"/>) until <paramref name="count"/> mails for <paramref name="to"/> have arrived.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string to, int count = 1, TimeSpan? timeout = null, string? folder = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var mails = MailsTo(folder ?? Maildir, to);
            if (mails.Count >= count) return mails;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Ventede på {count} mail(s) til {to}, men der kom {mails.Count}.");
            await Task.Delay(200);
        }
    }
}

/// <summary>A test that needs the SMTP server; a plain `dotnet test` without ./test.sh skips it with the reason shown.</summary>
public sealed class SmtpFactAttribute : FactAttribute
{
    public SmtpFactAttribute()
    {
        // In CI a missing server must fail, not skip (as with PostgreSQL).
        if (!TestSmtp.Configured && Environment.GetEnvironmentVariable("CI") is null) Skip = $"{TestSmtp.AddressVariable} er ikke sat: kør ./test.sh, der starter en SMTP-server.";
    }
}
