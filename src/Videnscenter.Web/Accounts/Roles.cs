using System.Security.Claims;
using Videnscenter.Content;

namespace Videnscenter.Web.Accounts;

/// <summary>The roles and the highest audience each may read (anonymous visitors: Offentlig).</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Editor = "Redaktør";
    public const string Staff = "Medarbejder";
    public const string Volunteer = "Frivillig";

    public static readonly IReadOnlyList<string> All = [Administrator, Editor, Staff, Volunteer];

    public static Audience AudienceOf(string role) => role switch
    {
        Administrator or Editor or Staff => Audience.Medarbejder,
        Volunteer => Audience.Frivillig,
        _ => Audience.Offentlig,
    };

    /// <summary>The highest audience the reader may see: the rule applied on every route.</summary>
    public static Audience ReaderAudience(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return Audience.Offentlig;
        var best = Audience.Offentlig;
        foreach (var role in All)
            if (user.IsInRole(role) && AudienceOf(role) > best) best = AudienceOf(role);
        return best;
    }
}
