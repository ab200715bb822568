using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Videnscenter.Content;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Accounts.Users;

/// <summary>What the user pages share: the roles to offer, their Danish descriptions, and a user's lock state.</summary>
public static class UserAdmin
{
    public static string Describe(string role) => role switch
    {
        Roles.Administrator => "Alt, også brugere, søgeindeks og log. Læser alt internt.",
        Roles.Editor => "Skriver, udgiver og arkiverer indhold. Læser alt internt.",
        Roles.Staff => "Læser alt, også det, der kun er for medarbejdere.",
        Roles.Volunteer => "Læser det, der er for frivillige.",
        _ => "",
    };

    /// <summary>The known roles first, in order of power; any others the recipe made after them.</summary>
    public static async Task<IReadOnlyList<string>> RolesAsync(RoleManager<IdentityRole> roles)
    {
        var stored = await roles.Roles.Select(r => r.Name!).ToListAsync();
        return Roles.All.Concat(stored.Where(r => r is not null && !Roles.All.Contains(r)).Order(StringComparer.Ordinal)).ToList();
    }

    /// <param name="hasWorkAccount">Signs in with the municipality's work account (and so has no password here).</param>
    public static string Status(IdentityUser user, bool hasWorkAccount)
    {
        if (user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow)
            return IsBlocked(user)
                ? "Spærret"
                : $"Låst til {Danish.DateAndTime(end.UtcDateTime)} efter for mange forkerte forsøg";
        // Invited by mail and not yet through the link: there is no way to sign in until then.
        return user.PasswordHash is null && !hasWorkAccount ? "Inviteret: har ikke valgt en adgangskode endnu" : "Aktiv";
    }

    /// <summary>Blocked by an administrator (until lifted), as opposed to a 15-minute lock-out after wrong passwords.</summary>
    public static bool IsBlocked(IdentityUser user) => user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow.AddYears(1);

    public static bool IsLocked(IdentityUser user) => user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow;

    /// <summary>"a, b og c" the Danish way.</summary>
    public static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "ingen",
            1 => list[0],
            _ => string.Join(", ", list[..^1]) + " og " + list[^1],
        };
    }
}
