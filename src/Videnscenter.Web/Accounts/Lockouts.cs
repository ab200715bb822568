using Microsoft.AspNetCore.Identity;
using Videnscenter.Web.Accounts.Audit;

namespace Videnscenter.Web.Accounts;

/// <summary>What sign-in and change-password share about wrong passwords and lock-outs.</summary>
public static class Lockouts
{
    // A hash of a random password, made once: verifying against it costs what a real check costs.
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<IdentityUser>().HashPassword(new IdentityUser("ukendt"), Passwords.Generate()));

    /// <summary>
    /// For an unknown user name, spends the time a password check takes, so the answer's timing does
    /// not tell which user names exist either.
    /// </summary>
    public static void SpendHashingTime(UserManager<IdentityUser> users, string password) =>
        users.PasswordHasher.VerifyHashedPassword(new IdentityUser("ukendt"), DecoyHash.Value, password);

    /// <summary>Writes the lock-out to the audit log; the acting user is the locked account itself.</summary>
    public static Task RecordAsync(AuditLog audit, string userName, string where, CancellationToken ct) =>
        audit.WriteAsync(AuditAction.AccountLockedOut, userName, userName,
            $"låst i 15 minutter efter fem forkerte adgangskoder {where}", ct: ct);
}
