using System.Security.Cryptography;

namespace Videnscenter.Web.Accounts;

/// <summary>Passwords an administrator can hand to a user (there is no mail server to send links).</summary>
public static class Passwords
{
    // No 0/O, 1/l/I: the password is often read aloud or copied by hand.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Four groups of five characters with at least one upper, one lower and one digit (about 110 bits).</summary>
    public static string Generate()
    {
        while (true)
        {
            var chars = new char[20];
            for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            if (!chars.Any(char.IsUpper) || !chars.Any(char.IsLower) || !chars.Any(char.IsDigit)) continue;
            var s = new string(chars);
            return $"{s[..5]}-{s[5..10]}-{s[10..15]}-{s[15..]}";
        }
    }
}
