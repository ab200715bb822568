using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Web.Accounts.Audit;

namespace Videnscenter.Web.Accounts.SingleSignOn;

/// <summary>
/// /konto/arbejdskonto: sends the reader to the identity provider and takes them back. The first
/// sign-in creates the local user (linked by the provider's "sub", never by a matching name or
/// address, which anyone could have chosen); every sign-in sets the roles the groups give.
/// </summary>
public sealed class WorkAccountModel(SingleSignOnOptions options, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn,
    RoleManager<IdentityRole> roles, IdentityStoreDbContext db, AuditLog audit, ILogger<WorkAccountModel> log) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>Signed in, but the groups gave no role: the user reads what everyone reads, and is told why.</summary>
    public string? SignedInWithoutRole { get; private set; }

    public string Continue => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    public IActionResult OnGet(int? fejl)
    {
        if (!options.Enabled) return NotFound();
        Response.Headers.CacheControl = "no-store";
        if (fejl is not null)
        {
            Error = "Log ind med din arbejdskonto lykkedes ikke, eller du afbrød det. Prøv igen, eller log ind med brugernavn og adgangskode.";
            return Page();
        }
        var back = $"/konto/arbejdskonto?handler=Retur&returnUrl={Uri.EscapeDataString(Continue)}";
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(SingleSignOnFeature.Scheme, back), SingleSignOnFeature.Scheme);
    }

    public async Task<IActionResult> OnGetReturAsync(CancellationToken ct)
    {
        if (!options.Enabled) return NotFound();
        Response.Headers.CacheControl = "no-store";
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var principal = external.Principal;
        var subject = principal?.FindFirstValue("sub") ?? principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (principal is null || string.IsNullOrEmpty(subject))
        {
            Error = "Log ind med din arbejdskonto lykkedes ikke. Prøv igen.";
            return Page();
        }

        var email = principal.FindFirstValue("email");
        var groups = principal.FindAll(options.GroupClaim).Select(c => c.Value).ToList();
        var user = await users.FindByLoginAsync(SingleSignOnFeature.Scheme, subject) ?? await CreateAsync(principal, subject, email, ct);
        if (user is null)
        {
            Error = "Vi kunne ikke oprette din bruger. Kontakt en administrator.";
            return Page();
        }
        if (await users.IsLockedOutAsync(user))
        {
            await audit.WriteAsync(AuditAction.SignInFailed, user.UserName ?? "", user.UserName ?? "", "arbejdskonto; kontoen er spærret", ct: ct);
            Error = "Din konto på Videnscenter er spærret. Kontakt en administrator, hvis du skal bruge den.";
            return Page();
        }
        if (!string.IsNullOrEmpty(email) && !string.Equals(email, user.Email, StringComparison.Ordinal))
        {
            await users.SetEmailAsync(user, email);
            await users.ConfirmEmailAsync(user, await users.GenerateEmailConfirmationTokenAsync(user));
        }

        var (granted, all) = await SyncRolesAsync(user, groups);
        await signIn.SignInAsync(user, isPersistent: false, SingleSignOnFeature.Scheme);
        await audit.WriteAsync(AuditAction.SignInExternal, user.UserName ?? "", user.UserName ?? "",
            $"grupper der giver roller: {(granted.Count == 0 ? "ingen" : Users.UserAdmin.List(granted))}; roller: {Users.UserAdmin.List(all)}", ct: ct);
        if (all.Count > 0) return LocalRedirect(Continue);
        SignedInWithoutRole = user.UserName;
        return Page();
    }

    /// <summary>
    /// The roles the groups give are added, and the roles the map hands out that the groups no longer
    /// give are taken away; roles the map never mentions (given by an administrator) stay as they are.
    /// </summary>
    private async Task<(IReadOnlyList<string> Granted, IReadOnlyList<string> All)> SyncRolesAsync(IdentityUser user, IReadOnlyList<string> groups)
    {
        var wanted = new List<string>();
        foreach (var role in options.RolesFor(groups))
        {
            if (await roles.RoleExistsAsync(role)) wanted.Add(role);
            else log.LogWarning("Authentication:OpenIdConnect:GroupRoles names the role {Role}, which does not exist", role);
        }
        var current = await users.GetRolesAsync(user);
        var add = wanted.Except(current, StringComparer.Ordinal).ToList();
        var remove = current.Where(r => options.ManagedRoles.Contains(r) && !wanted.Contains(r, StringComparer.Ordinal)).ToList();
        if (add.Count > 0) Check(await users.AddToRolesAsync(user, add));
        if (remove.Count > 0) Check(await users.RemoveFromRolesAsync(user, remove));
        return (wanted, (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList());
    }

    private async Task<IdentityUser?> CreateAsync(ClaimsPrincipal principal, string subject, string? email, CancellationToken ct)
    {
        var wish = UserNameFrom(principal.FindFirstValue("preferred_username") ?? email ?? principal.FindFirstValue("name"))
                   ?? "arbejdskonto-" + subject[..Math.Min(subject.Length, 12)];
        var userName = wish;
        for (var n = 2; await users.FindByNameAsync(userName) is not null; n++)
        {
            if (n > 50) return null;
            userName = $"{wish}-{n}";
        }
        var user = new IdentityUser(userName) { Email = email, EmailConfirmed = !string.IsNullOrEmpty(email), LockoutEnabled = true };
        // The user and the link to the provider's account are stored together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            log.LogWarning("Could not create the user for a work account: {Errors}", string.Join(" ", created.Errors.Select(e => e.Code)));
            return null;
        }
        Check(await users.AddLoginAsync(user, new UserLoginInfo(SingleSignOnFeature.Scheme, subject, SingleSignOnFeature.DisplayName)));
        await transaction.CommitAsync(ct);
        await audit.WriteAsync(AuditAction.UserCreated, userName, userName,
            "ved første log ind med arbejdskonto" + (email is null ? "" : $"; e-mail: {email}"), ct: ct);
        return user;
    }

    /// <summary>The provider's name for the user, cut down to what a user name may hold.</summary>
    internal static string? UserNameFrom(string? wish)
    {
        if (string.IsNullOrWhiteSpace(wish)) return null;
        var kept = new StringBuilder();
        foreach (var c in wish.Trim())
            if (char.IsAsciiLetterOrDigit(c) || "æøåÆØÅ-._@+".Contains(c)) kept.Append(c);
        var name = kept.ToString().Trim('.', '-');
        return name.Length == 0 ? null : name[..Math.Min(name.Length, 90)];
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
