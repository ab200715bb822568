using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Videnscenter.Content;
using Videnscenter.Web.Mail;

namespace Videnscenter.Web.Accounts.Invitations;

/// <summary>
/// Administrators invite users by mail: the user gets a link to choose their own password, so no
/// administrator ever knows it. The link expires after <see cref="Lifetime"/> and works once (the
/// token is bound to the user's security stamp, which setting the password changes).
/// </summary>
public static class Invitations
{
    /// <summary>The token provider's name in Identity.</summary>
    public const string TokenProvider = "Invitation";
    public const string Purpose = "invitation";

    /// <summary>A week: long enough to survive a weekend or a day off, short enough not to lie around.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static IdentityBuilder AddInvitations(this IdentityBuilder identity)
    {
        identity.Services.Configure<InvitationTokenOptions>(o =>
        {
            o.Name = TokenProvider;
            o.TokenLifespan = Lifetime;
        });
        return identity.AddTokenProvider<InvitationTokenProvider>(TokenProvider);
    }

    /// <summary>The link in the mail: the user's id and the token, base64url so it survives every mail client.</summary>
    public static string LinkPath(string userId, string token) =>
        $"/konto/invitation?bruger={Uri.EscapeDataString(userId)}&kode={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token))}";

    /// <summary>
    /// Puts the invitation mail into the outbox on <paramref name="db"/> (in its open transaction,
    /// if the caller has one, so a user is created if and only if the mail will be sent).
    /// </summary>
    public static async Task SendAsync(UserManager<IdentityUser> users, IdentityStoreDbContext db, MailOutbox outbox,
        IdentityUser user, string invitedBy, CancellationToken ct)
    {
        var email = user.Email ?? throw new InvalidOperationException("En invitation kræver en e-mailadresse.");
        var token = await users.GenerateUserTokenAsync(user, TokenProvider, Purpose);
        await outbox.EnqueueAsync(db, new MailRequest(email, user.UserName, MailKinds.Invitation, new Dictionary<string, string>
        {
            ["navn"] = user.UserName ?? "",
            ["afsender"] = invitedBy,
            ["brugernavn"] = user.UserName ?? "",
            ["link"] = outbox.Link(LinkPath(user.Id, token)),
            ["dage"] = ((int)Lifetime.TotalDays).ToString(Danish.Culture),
            ["logind"] = outbox.Link("/konto/log-ind"),
        }), ct);
    }
}

/// <summary>Its own options, so the invitation link can live longer than the 3-hour reset link.</summary>
public sealed class InvitationTokenOptions : DataProtectionTokenProviderOptions;

public sealed class InvitationTokenProvider(IDataProtectionProvider protection, IOptions<InvitationTokenOptions> options,
    ILogger<DataProtectorTokenProvider<IdentityUser>> log)
    : DataProtectorTokenProvider<IdentityUser>(protection, options, log);
