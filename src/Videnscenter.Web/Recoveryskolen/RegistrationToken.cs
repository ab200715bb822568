using System.Security.Cryptography;
using System.Text;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>
/// The secret in a participant's link: 32 random bytes in base64url (43 characters). Only its
/// SHA-256 hash is stored, so a copy of the database does not give anyone the links.
/// </summary>
public static class RegistrationToken
{
    public const int Length = 43;

    public static (string Token, string Hash) Create()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Shape check before any database look-up: anything else cannot be one of ours.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
