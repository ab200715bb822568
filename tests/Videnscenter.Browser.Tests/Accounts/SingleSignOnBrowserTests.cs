using Microsoft.Playwright;

namespace Videnscenter.Browser.Tests.Accounts;

/// <summary>
/// "Log ind med din arbejdskonto" in the browser, through a real OpenID Connect provider on
/// loopback: the first sign-in creates the user, the groups give the roles on every sign-in, a
/// group without a role signs in as a reader with a note, and local accounts keep working.
/// </summary>
[Collection(SingleSignOnCollection.Name)]
public sealed class SingleSignOnBrowserTests(SingleSignOnSiteFixture site)
{
    /// <summary>From the log-in page through the provider's form and back; leaves the page where the site sends it.</summary>
    private static async Task SignInWithWorkAccountAsync(IPage page, TestIdentityProvider.Employee employee, string startAt)
    {
        await page.GotoAsync(startAt);
        await page.GetByRole(AriaRole.Link, new() { Name = "Log ind med din arbejdskonto" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/connect/authorize", StringComparison.Ordinal));
        await page.GetByLabel("Arbejdsmail").FillAsync(employee.UserName);
        await page.GetByLabel("Adgangskode").FillAsync(employee.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind hos kommunen" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/connect/", StringComparison.Ordinal) && !url.Contains("/retur", StringComparison.Ordinal));
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    [Fact]
    public async Task An_employee_in_the_editors_group_signs_in_with_the_work_account_and_gets_the_role_every_time()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        // The admin needs the sign-in; the log-in page offers the work account first.
        await page.GotoAsync("/admin");
        Assert.Contains("/konto/log-ind", page.Url, StringComparison.Ordinal);
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Log ind med din arbejdskonto" }).IsVisibleAsync());
        await Axe.AssertAccessibleAsync(page);

        await SignInWithWorkAccountAsync(page, TestIdentityProvider.Editor, page.Url);
        Assert.EndsWith("/admin", page.Url, StringComparison.Ordinal);
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).IsVisibleAsync());

        // The administrator sees the user the first sign-in created, with the roles of the groups.
        await using var admin = await site.NewAdminContextAsync();
        var users = await admin.NewPageAsync();
        await users.GotoAsync("/admin/brugere");
        await users.GetByRole(AriaRole.Link, new() { Name = TestIdentityProvider.Editor.UserName }).ClickAsync();
        Assert.Contains("Logger ind med arbejdskonto", await users.Locator("main .lead").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await users.GetByRole(AriaRole.Checkbox, new() { Name = "Redaktør" }).IsCheckedAsync());
        Assert.True(await users.GetByRole(AriaRole.Checkbox, new() { Name = "Medarbejder" }).IsCheckedAsync());
        Assert.Equal(0, await users.GetByRole(AriaRole.Button, new() { Name = "Send invitationen igen" }).CountAsync());

        // An administrator takes the editor role away by hand; the groups give it back at the next sign-in.
        await users.GetByRole(AriaRole.Checkbox, new() { Name = "Redaktør" }).UncheckAsync();
        await users.GetByRole(AriaRole.Button, new() { Name = "Gem e-mail og roller" }).ClickAsync();
        await using var again = await site.NewContextAsync();
        var second = await again.NewPageAsync();
        await second.GotoAsync("/admin");
        await SignInWithWorkAccountAsync(second, TestIdentityProvider.Editor, second.Url);
        Assert.EndsWith("/admin", second.Url, StringComparison.Ordinal);

        // Still one user for the employee, and the editor role is back.
        await users.GotoAsync("/admin/brugere");
        Assert.Equal(1, await users.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^mette\\.sso") }).CountAsync());
        await users.GetByRole(AriaRole.Link, new() { Name = TestIdentityProvider.Editor.UserName }).ClickAsync();
        Assert.True(await users.GetByRole(AriaRole.Checkbox, new() { Name = "Redaktør" }).IsCheckedAsync());
    }

    [Fact]
    public async Task An_employee_whose_groups_give_no_role_is_signed_in_as_a_reader_and_told_why()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInWithWorkAccountAsync(page, TestIdentityProvider.Outsider, "/konto/log-ind");
        var note = await page.Locator("main [role=status]").InnerTextAsync();
        Assert.Contains("ikke med i en gruppe", note, StringComparison.Ordinal);
        Assert.Contains(TestIdentityProvider.Outsider.UserName, note, StringComparison.Ordinal);
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).IsVisibleAsync());
        await Axe.AssertAccessibleAsync(page);

        // A reader: the admin answers 403, not the log-in form.
        Assert.Equal(403, (await page.GotoAsync("/admin"))!.Status);
    }

    [Fact]
    public async Task Local_accounts_keep_working_beside_the_work_account()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await site.SignInAsync(page, SiteFixture.AdminUserName, SiteFixture.AdminPassword);
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Log ud" }).IsVisibleAsync());
        Assert.Equal(200, (await page.GotoAsync("/admin/brugere"))!.Status);
    }
}
