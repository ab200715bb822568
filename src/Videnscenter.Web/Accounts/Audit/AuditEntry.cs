namespace Videnscenter.Web.Accounts.Audit;

/// <summary>What was done. Stored by name, so adding an action needs no migration.</summary>
public enum AuditAction
{
    ContentCreated,
    ContentSaved,
    ContentPublished,
    ContentUnpublished,
    ContentArchived,
    ContentRestored,
    SignInSucceeded,
    SignInFailed,
    UserCreated,
    UserUpdated,
    RolesChanged,
    PasswordReset,
    PasswordChanged,
    UserLocked,
    UserUnlocked,
    /// <summary>Too many wrong passwords (at sign-in or when changing the password) locked the account for a while.</summary>
    AccountLockedOut,
    /// <summary>An administrator mailed a user a link to choose their password.</summary>
    InvitationSent,
    /// <summary>A user signed in through the municipality's identity provider (OpenID Connect).</summary>
    SignInExternal,
}

/// <summary>One line of the audit log: who did what to which item or user, and when.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime WhenUtc { get; set; }
    /// <summary>User name of whoever acted; for a failed sign-in, the name that was typed.</summary>
    public string Actor { get; set; } = "";
    /// <summary><see cref="Actor"/> in lower case, so filtering ignores case on SQLite and PostgreSQL alike.</summary>
    public string ActorKey { get; set; } = "";
    /// <summary>An <see cref="AuditAction"/> name.</summary>
    public string Action { get; set; } = "";
    /// <summary>The content item acted on, if any.</summary>
    public Guid? ItemId { get; set; }
    public string? ItemType { get; set; }
    /// <summary>The item's title or the user name acted on, as it was at the time.</summary>
    public string Target { get; set; } = "";
    public string TargetKey { get; set; } = "";
    /// <summary>A short Danish description, e.g. "version 3, synlig for Medarbejder".</summary>
    public string Details { get; set; } = "";
    /// <summary>The client's IP address (sign-ins), when known.</summary>
    public string? RemoteAddress { get; set; }

    public AuditAction? Kind => Enum.TryParse<AuditAction>(Action, out var a) ? a : null;
}

/// <summary>Danish names of the actions, grouped as the log page's filter shows them.</summary>
public static class AuditActions
{
    public static string Label(AuditAction action) => action switch
    {
        AuditAction.ContentCreated => "Oprettede indhold",
        AuditAction.ContentSaved => "Gemte en ny version",
        AuditAction.ContentPublished => "Udgav",
        AuditAction.ContentUnpublished => "Tog af siden",
        AuditAction.ContentArchived => "Arkiverede",
        AuditAction.ContentRestored => "Gendannede en ældre version",
        AuditAction.SignInSucceeded => "Loggede ind",
        AuditAction.SignInFailed => "Mislykket log ind",
        AuditAction.UserCreated => "Oprettede en bruger",
        AuditAction.UserUpdated => "Ændrede en brugers e-mail",
        AuditAction.RolesChanged => "Ændrede roller",
        AuditAction.PasswordReset => "Nulstillede en adgangskode",
        AuditAction.PasswordChanged => "Skiftede sin adgangskode",
        AuditAction.UserLocked => "Spærrede en bruger",
        AuditAction.UserUnlocked => "Ophævede en spærring",
        AuditAction.AccountLockedOut => "Konto låst efter forkerte adgangskoder",
        AuditAction.InvitationSent => "Sendte en invitation",
        AuditAction.SignInExternal => "Loggede ind med arbejdskonto",
        _ => action.ToString(),
    };

    public static string Label(string action) => Enum.TryParse<AuditAction>(action, out var a) ? Label(a) : action;

    public static readonly IReadOnlyList<(string Group, IReadOnlyList<AuditAction> Actions)> Groups =
    [
        ("Indhold", [AuditAction.ContentCreated, AuditAction.ContentSaved, AuditAction.ContentPublished,
                     AuditAction.ContentUnpublished, AuditAction.ContentArchived, AuditAction.ContentRestored]),
        ("Log ind", [AuditAction.SignInSucceeded, AuditAction.SignInExternal, AuditAction.SignInFailed, AuditAction.AccountLockedOut]),
        ("Brugere", [AuditAction.UserCreated, AuditAction.InvitationSent, AuditAction.UserUpdated, AuditAction.RolesChanged, AuditAction.PasswordReset,
                     AuditAction.PasswordChanged, AuditAction.UserLocked, AuditAction.UserUnlocked]),
    ];
}
