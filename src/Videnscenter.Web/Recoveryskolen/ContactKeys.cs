namespace Videnscenter.Web.Recoveryskolen;

/// <summary>How an e-mail or phone number is compared to find the same person signing up twice.</summary>
public static class ContactKeys
{
    /// <summary>Trimmed and in lower case (the part before @ is case-sensitive in theory, never in practice).</summary>
    public static string? Email(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>
    /// The digits, without a Danish country code (+45 or 0045): "+45 86 12 34 56" and "86123456" are
    /// the same number. Other countries' numbers keep all their digits.
    /// </summary>
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 12 && digits.StartsWith("0045", StringComparison.Ordinal)) digits = digits[4..];
        else if (digits.Length == 10 && digits.StartsWith("45", StringComparison.Ordinal)) digits = digits[2..];
        return digits.Length == 0 ? null : digits;
    }
}
