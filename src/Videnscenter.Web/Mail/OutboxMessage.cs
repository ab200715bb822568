namespace Videnscenter.Web.Mail;

public enum OutboxStatus
{
    /// <summary>Waiting to be sent (first try or a retry after a failure).</summary>
    Pending = 1,
    /// <summary>Handed to the mail server (or written to the mail folder).</summary>
    Sent = 2,
    /// <summary>Every attempt failed; an administrator can send it again from the admin page.</summary>
    Failed = 3,
}

/// <summary>
/// One outgoing mail, stored in the same transaction as the action that caused it and sent later by
/// <see cref="OutboxSender"/>. The whole MIME message is stored, with a Message-Id fixed at creation,
/// so a retry sends exactly the same message.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    /// <summary>The template the mail was made from, e.g. "tilmelding-bekraeftet".</summary>
    public string Kind { get; set; } = "";
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    /// <summary>The complete MIME message (RFC 5322), as MimeKit wrote it.</summary>
    public byte[] Mime { get; set; } = [];
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedUtc { get; set; }
    /// <summary>Not before this time: set by the back-off after a failed attempt.</summary>
    public DateTime NextAttemptUtc { get; set; }
    public DateTime? SentUtc { get; set; }
    public string? LastError { get; set; }
    /// <summary>The claim of the sender (node and batch) that holds the row until <see cref="LeaseUntilUtc"/>.</summary>
    public string? LeasedBy { get; set; }
    public DateTime? LeaseUntilUtc { get; set; }
}

/// <summary>An editor's version of a mail template; without a row the built-in default is used.</summary>
public sealed class MailTemplateRow
{
    public string Key { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime UpdatedUtc { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>
/// A scheduled job's lease: the node that holds it runs the job, so a job runs once per cluster
/// even with several nodes on one PostgreSQL.
/// </summary>
public sealed class JobLease
{
    public string Name { get; set; } = "";
    public string? Holder { get; set; }
    public DateTime UntilUtc { get; set; }
    public DateTime? LastRunUtc { get; set; }
}
