using Microsoft.AspNetCore.Identity;

namespace Videnscenter.Web.Accounts;

/// <summary>Identity's messages in Danish.</summary>
public sealed class DanishIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Adgangskoden skal være mindst {length} tegn." };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "Adgangskoden skal indeholde mindst ét tal." };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "Adgangskoden skal indeholde mindst ét lille bogstav." };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "Adgangskoden skal indeholde mindst ét stort bogstav." };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "Adgangskoden skal indeholde mindst ét tegn, der ikke er et bogstav eller tal." };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"Brugernavnet «{userName}» er allerede i brug." };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"Brugernavnet «{userName}» må kun indeholde bogstaver, tal og tegnene - . _ @ + (ingen mellemrum)." };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Adgangskoden er forkert." };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "Der skete en fejl. Prøv igen." };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "Brugeren blev ændret af en anden imens. Genindlæs siden, og prøv igen." };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Adgangskoden skal indeholde mindst {uniqueChars} forskellige tegn." };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = $"«{email}» er ikke en gyldig e-mailadresse." };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"E-mailadressen «{email}» bruges allerede af en anden bruger." };
    public override IdentityError UserNotInRole(string role) => new() { Code = nameof(UserNotInRole), Description = $"Brugeren har ikke rollen «{role}»." };
    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = "Brugeren kan ikke spærres." };
    public override IdentityError UserAlreadyHasPassword() => new() { Code = nameof(UserAlreadyHasPassword), Description = "Brugeren har allerede en adgangskode." };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "Linket eller koden er ikke gyldig længere." };
    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = $"Brugeren har allerede rollen «{role}»." };
}
