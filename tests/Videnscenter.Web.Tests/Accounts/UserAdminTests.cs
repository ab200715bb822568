using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Accounts.Audit;
using Videnscenter.Web.Tests.Harness;
using Videnscenter.Web.Tests.Hosting;

namespace Videnscenter.Web.Tests.Accounts;

/// <summary>Administrators create users, give roles, reset passwords and block users at /admin/brugere.</summary>
[Collection(SharedSiteCollection.Name)]
public sealed partial class UserAdminTests(SecuritySite site)
{
    private const string Password = "Godt-Kodeord-2026";

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string action, params (string, string)[] fields)
    {
        var pageHtml = await client.GetStringAsync(page);
        var content = fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).ToList();
        content.Add(new("__RequestVerificationToken", SiteFactory.AntiforgeryToken(pageHtml)));
        return await client.PostAsync(action, new FormUrlEncodedContent(content));
    }

    private Task<IdentityUser?> FindAsync(string userName) =>
        site.InScopeAsync(sp => sp.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync(userName));

    private Task<IList<string>> RolesOfAsync(IdentityUser user) =>
        site.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<IdentityUser>>();
            return await users.GetRolesAsync((await users.FindByIdAsync(user.Id))!);
        });

    private Task<List<AuditEntry>> AuditAsync(AuditAction action, string target) => site.InScopeAsync(sp =>
        sp.GetRequiredService<AuditDbContext>().Entries.Where(e => e.Action == action.ToString() && e.Target == target).ToListAsync());

    [Theory]
    [InlineData("/admin/brugere")]
    [InlineData("/admin/brugere/ny")]
    [InlineData("/admin/log")]
    public async Task Only_administrators_reach_the_user_and_log_pages(string path)
    {
        var anonymous = await site.Client().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/konto/log-ind", anonymous.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));

        var editorName = $"redaktoer-{Guid.NewGuid():N}"[..20];
        await site.CreateUserAsync(editorName, Password, Roles.Editor, Roles.Staff);
        var editor = await site.SignedInAsync(editorName, Password);
        var refused = await editor.GetAsync(path);
        // Signed in without the role: the Danish 403 page, not the log-in form and nothing of the page asked for.
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{path} svarede {(int)refused.StatusCode} til en redaktør");
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Du har ikke adgang", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Password\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("admin@", html, StringComparison.Ordinal);

        var admin = await site.SignedInAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Creating_a_user_with_a_generated_password_shows_it_once_and_it_works()
    {
        var admin = await site.SignedInAsync();
        var response = await PostAsync(admin, "/admin/brugere/ny", "/admin/brugere/ny",
            ("UserName", "søren.frivillig"), ("Email", "soeren@example.org"), ("SelectedRoles", Roles.Volunteer), ("Access", "adgangskode"), ("Password", ""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        var html = await response.Content.ReadAsStringAsync();
        var password = GeneratedPassword().Match(html).Groups[1].Value;
        Assert.Matches("^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$", password);
        Assert.Contains("vises ikke igen", html, StringComparison.Ordinal);

        var user = await FindAsync("søren.frivillig");
        Assert.NotNull(user);
        Assert.Equal("soeren@example.org", user.Email);
        Assert.Equal(new[] { Roles.Volunteer }, await RolesOfAsync(user));
        // Shown once: the user's page never shows it again.
        Assert.DoesNotContain(password, await admin.GetStringAsync($"/admin/brugere/{user.Id}"), StringComparison.Ordinal);
        Assert.Contains("søren.frivillig", WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/brugere")), StringComparison.Ordinal);

        var signedIn = await site.SignedInAsync("søren.frivillig", password);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/konto/adgangskode")).StatusCode);

        var entry = Assert.Single(await AuditAsync(AuditAction.UserCreated, "søren.frivillig"));
        Assert.Equal("admin", entry.Actor);
        Assert.Contains(Roles.Volunteer, entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_user_keeps_what_was_typed_and_is_not_created()
    {
        var admin = await site.SignedInAsync();
        var response = await PostAsync(admin, "/admin/brugere/ny", "/admin/brugere/ny",
            ("UserName", "kurt.kort"), ("Email", "kurt@example.org"), ("SelectedRoles", Roles.Staff), ("SelectedRoles", Roles.Editor), ("Access", "adgangskode"), ("Password", "kort1A"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = SiteFactory.Parse(await response.Content.ReadAsStringAsync());
        var summary = document.QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("mindst 12 tegn", summary, StringComparison.Ordinal);
        Assert.Contains("mindst 12 tegn", document.QuerySelector("#password-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", document.QuerySelector("#Password")!.GetAttribute("aria-invalid"));
        Assert.Equal("kurt.kort", document.QuerySelector("#UserName")!.GetAttribute("value"));
        Assert.Equal("kurt@example.org", document.QuerySelector("#Email")!.GetAttribute("value"));
        var checkedRoles = document.QuerySelectorAll("input[name=SelectedRoles][checked]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(new[] { Roles.Editor, Roles.Staff }, checkedRoles);
        Assert.Null(await FindAsync("kurt.kort"));

        var duplicate = await PostAsync(admin, "/admin/brugere/ny", "/admin/brugere/ny", ("UserName", "admin"), ("Access", "adgangskode"), ("Password", ""));
        Assert.Contains("allerede i brug", WebUtility.HtmlDecode(await duplicate.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var spaces = await PostAsync(admin, "/admin/brugere/ny", "/admin/brugere/ny", ("UserName", "to ord"), ("Access", "adgangskode"), ("Password", ""));
        Assert.Contains("ingen mellemrum", WebUtility.HtmlDecode(await spaces.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await FindAsync("to ord"));
    }

    [Fact]
    public async Task Changing_roles_is_logged_with_what_was_added_and_removed()
    {
        var user = await site.CreateUserAsync("rolle.skift", Password, Roles.Volunteer);
        var admin = await site.SignedInAsync();
        var response = await PostAsync(admin, $"/admin/brugere/{user.Id}", $"/admin/brugere/{user.Id}?handler=Save",
            ("Email", "rolle@example.org"), ("SelectedRoles", Roles.Staff), ("SelectedRoles", Roles.Editor));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new[] { Roles.Staff, Roles.Editor }, (await RolesOfAsync(user)).Order(StringComparer.Ordinal));
        Assert.Equal("rolle@example.org", (await FindAsync("rolle.skift"))!.Email);

        var entry = Assert.Single(await AuditAsync(AuditAction.RolesChanged, "rolle.skift"));
        Assert.Equal("tilføjet: Redaktør og Medarbejder; fjernet: Frivillig", entry.Details);
        Assert.Single(await AuditAsync(AuditAction.UserUpdated, "rolle.skift"));
        Assert.Contains("Ændringerne af rolle.skift er gemt", WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/brugere")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_administrator_cannot_lose_the_role_or_block_themselves()
    {
        var admin = await site.SignedInAsync();
        var adminUser = (await FindAsync("admin"))!;
        // Make sure "admin" is the only administrator for this test (other tests may have added some).
        await site.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<IdentityUser>>();
            foreach (var other in (await users.GetUsersInRoleAsync(Roles.Administrator)).Where(u => u.UserName != "admin"))
                await users.RemoveFromRoleAsync(other, Roles.Administrator);
            return 0;
        });

        var response = await PostAsync(admin, $"/admin/brugere/{adminUser.Id}", $"/admin/brugere/{adminUser.Id}?handler=Save",
            ("SelectedRoles", Roles.Editor));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = SiteFactory.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("eneste administrator", document.QuerySelector("#roles-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Roles.Administrator, await RolesOfAsync(adminUser));
        // The form shows what was chosen, so nothing typed is lost.
        Assert.Equal(new[] { Roles.Editor }, document.QuerySelectorAll("input[name=SelectedRoles][checked]").Select(i => i.GetAttribute("value")));

        var self = await PostAsync(admin, $"/admin/brugere/{adminUser.Id}", $"/admin/brugere/{adminUser.Id}?handler=Lock");
        Assert.Contains("egen konto", WebUtility.HtmlDecode(await self.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null((await FindAsync("admin"))!.LockoutEnd);

        // With a second administrator, the first may step down.
        var second = await site.CreateUserAsync("anden.admin", Password, Roles.Administrator);
        var other = await site.SignedInAsync("anden.admin", Password);
        var stepDown = await PostAsync(other, $"/admin/brugere/{adminUser.Id}", $"/admin/brugere/{adminUser.Id}?handler=Save",
            ("SelectedRoles", Roles.Editor), ("SelectedRoles", Roles.Administrator));
        Assert.Equal(HttpStatusCode.Redirect, stepDown.StatusCode);
        // A role change renews the stamp, which ends the user's open sessions at once.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/admin/brugere")).StatusCode);
        admin = await site.SignedInAsync();
        var removeSecond = await PostAsync(admin, $"/admin/brugere/{second.Id}", $"/admin/brugere/{second.Id}?handler=Save", ("SelectedRoles", Roles.Staff));
        Assert.Equal(HttpStatusCode.Redirect, removeSecond.StatusCode);
        Assert.Equal(new[] { Roles.Staff }, await RolesOfAsync(second));
    }

    [Fact]
    public async Task A_reset_password_replaces_the_old_one_and_a_weak_one_changes_nothing()
    {
        var user = await site.CreateUserAsync("glemsom", Password, Roles.Staff);
        var admin = await site.SignedInAsync();

        var weak = await PostAsync(admin, $"/admin/brugere/{user.Id}", $"/admin/brugere/{user.Id}?handler=Password", ("NewPassword", "alt-for-svagt"));
        Assert.Contains("mindst ét stort bogstav", WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await site.SignedInAsync("glemsom", Password); // still the old password

        var response = await PostAsync(admin, $"/admin/brugere/{user.Id}", $"/admin/brugere/{user.Id}?handler=Password", ("NewPassword", ""));
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        var password = GeneratedPassword().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(password);

        var old = await SecuritySite.SignInAsync(site.Client(), "glemsom", Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode); // the login form again, with an error
        await site.SignedInAsync("glemsom", password);

        var typed = await PostAsync(admin, $"/admin/brugere/{user.Id}", $"/admin/brugere/{user.Id}?handler=Password", ("NewPassword", "Valgt-Af-Admin-2026"));
        Assert.DoesNotContain("Valgt-Af-Admin-2026", await typed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await site.SignedInAsync("glemsom", "Valgt-Af-Admin-2026");

        var entries = await AuditAsync(AuditAction.PasswordReset, "glemsom");
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal("admin", e.Actor));
    }

    [Fact]
    public async Task A_blocked_user_cannot_sign_in_until_unblocked_and_their_session_ends()
    {
        var user = await site.CreateUserAsync("spaerres", Password, Roles.Volunteer);
        var session = await site.SignedInAsync("spaerres", Password);
        var stampBefore = (await FindAsync("spaerres"))!.SecurityStamp;

        var admin = await site.SignedInAsync();
        var locked = await PostAsync(admin, $"/admin/brugere/{user.Id}", $"/admin/brugere/{user.Id}?handler=Lock");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Contains("Spærret", WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/brugere")), StringComparison.Ordinal);
        // A new security stamp: the open session is refused at its next check.
        Assert.NotEqual(stampBefore, (await FindAsync("spaerres"))!.SecurityStamp);

        var refused = await SecuritySite.SignInAsync(site.Client(), "spaerres", Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        // The same answer as for a wrong password: the page does not tell that the account exists.
        Assert.Contains(LoginModel.FailedMessage, WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var unlocked = await PostAsync(admin, $"/admin/brugere/{user.Id}", $"/admin/brugere/{user.Id}?handler=Unlock");
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        await site.SignedInAsync("spaerres", Password);

        Assert.Single(await AuditAsync(AuditAction.UserLocked, "spaerres"));
        Assert.Single(await AuditAsync(AuditAction.UserUnlocked, "spaerres"));
        var failed = Assert.Single(await AuditAsync(AuditAction.SignInFailed, "spaerres"));
        Assert.Equal("kontoen er spærret", failed.Details);
        GC.KeepAlive(session);
    }

    [Fact]
    public async Task An_administrator_changing_their_own_roles_stays_signed_in()
    {
        var self = await site.CreateUserAsync("selv.admin", Password, Roles.Administrator);
        var client = await site.SignedInAsync("selv.admin", Password);
        var response = await PostAsync(client, $"/admin/brugere/{self.Id}", $"/admin/brugere/{self.Id}?handler=Save",
            ("SelectedRoles", Roles.Administrator), ("SelectedRoles", Roles.Staff));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // The new security stamp would end the session at its next check; the cookie is renewed with it.
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("videnscenter=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/brugere")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_user_id_answers_404()
    {
        var admin = await site.SignedInAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/brugere/{Guid.NewGuid()}")).StatusCode);
    }

    [GeneratedRegex("<code class=\"secret\">([^<]+)</code>")]
    private static partial Regex GeneratedPassword();
}
