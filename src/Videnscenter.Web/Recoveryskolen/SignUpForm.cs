using System.Text.RegularExpressions;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>What a person types to sign up: a name, and an e-mail or a phone number (or both).</summary>
public sealed partial class SignUpForm
{
    public const int MaxName = 100;
    public const int MaxEmail = 200;

    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>
    /// The honeypot: a field people never see (hidden, also from screen readers) that form-filling
    /// robots fill in. A sign-up with anything in it is refused.
    /// </summary>
    public string? Website { get; set; }

    public bool LooksScripted => !string.IsNullOrEmpty(Website);

    /// <summary>Danish messages keyed by field: "name", "contact" (neither e-mail nor phone), "email", "phone".</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        var name = Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(new("name", "Skriv dit navn."));
        else if (name.Length > MaxName) errors.Add(new("name", $"Navnet må højst være {MaxName} tegn."));

        var email = Email?.Trim() ?? "";
        var phone = Phone?.Trim() ?? "";
        if (email.Length == 0 && phone.Length == 0)
            errors.Add(new("contact", "Skriv din e-mail eller dit telefonnummer, så vi kan give dig besked, hvis der sker ændringer."));
        if (email.Length > 0 && (email.Length > MaxEmail || !EmailPattern().IsMatch(email)))
            errors.Add(new("email", "E-mailen ser ikke rigtig ud. Skriv den som fx navn@eksempel.dk."));
        if (phone.Length > 0 && !IsPhone(phone))
            errors.Add(new("phone", "Telefonnummeret ser ikke rigtigt ud. Skriv mindst 8 cifre, fx 86 12 34 56."));
        return errors;
    }

    private static bool IsPhone(string phone)
    {
        var digits = phone.Count(char.IsAsciiDigit);
        return phone.Length <= 30 && digits is >= 8 and <= 15 && PhonePattern().IsMatch(phone);
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9 ()-]+$")]
    private static partial Regex PhonePattern();
}

/// <summary>The sign-up form as the partial renders it, on the course page and on the sign-up page.</summary>
public sealed record SignUpFormView(
    /// <summary>Where the form posts: the item's sign-up page.</summary>
    string Action,
    SignUpForm Form,
    IReadOnlyList<FieldError> Errors,
    CourseAvailability Availability,
    DateTime DeleteAfterUtc)
{
    public string? ErrorOf(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    /// <summary>The input an error summary link leads to.</summary>
    public static string InputOf(string field) => field switch
    {
        "email" or "contact" => "signup-email",
        "phone" => "signup-phone",
        _ => "signup-name",
    };
}
