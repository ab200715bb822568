using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Videnscenter.Browser.Tests.Sections;

/// <summary>
/// The sections as a reader uses them: filter the method catalogue, find a colleague, switch between
/// upcoming and past events, browse partners by kind; every list and detail page passes axe.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class SectionsTests(SiteFixture site)
{
    private static async Task<int> AnnouncedCountAsync(IPage page) =>
        int.Parse((await page.Locator("main [role=status]").InnerTextAsync()).Trim().Split(' ')[0]);

    private static ILocator Cards(IPage page) => page.Locator("main ul.card-grid > li");

    private static async Task SubmitAsync(IPage page, string button)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    [Fact]
    public async Task Methods_can_be_narrowed_by_theme_and_target_group_without_script()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/metoder");
        var all = await AnnouncedCountAsync(page);
        Assert.Equal(all, await Cards(page).CountAsync());
        await Axe.AssertAccessibleAsync(page);

        await page.GetByLabel("Tema").SelectOptionAsync("rusmidler");
        await SubmitAsync(page, "Vis metoder");
        Assert.Contains("tema=rusmidler", page.Url);
        var byTheme = await AnnouncedCountAsync(page);
        Assert.InRange(byTheme, 1, all - 1);
        Assert.Equal(byTheme, await Cards(page).CountAsync());
        for (var i = 0; i < byTheme; i++)
            Assert.Contains("Rusmidler", await Cards(page).Nth(i).Locator(".chips").InnerTextAsync());
        // The choice stays selected, so the reader sees what the list shows.
        Assert.Equal("rusmidler", await page.GetByLabel("Tema").InputValueAsync());

        await page.GetByLabel("Målgruppe").SelectOptionAsync("unge-18-30");
        await SubmitAsync(page, "Vis metoder");
        Assert.InRange(await AnnouncedCountAsync(page), 1, byTheme);
        await Axe.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Nulstil filtre" }).ClickAsync();
        Assert.Equal(all, await AnnouncedCountAsync(page));
    }

    [Fact]
    public async Task Method_page_shows_evidence_and_the_links_to_the_other_sections()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/metoder/motiverende-interview");

        Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "Formål" }).IsVisibleAsync());
        var evidence = page.Locator("table.evidence");
        Assert.Equal(3, await evidence.Locator("tbody tr").CountAsync());
        Assert.Contains("beskriver metoderne", await page.Locator("main").InnerTextAsync());
        Assert.True(await page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Kurser om metoden") }).IsVisibleAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Kolleger, der kan metoden") }).CountAsync());
        await Axe.AssertAccessibleAsync(page);

        await using var staffContext = await site.NewAdminContextAsync();
        var staffPage = await staffContext.NewPageAsync();
        await staffPage.GotoAsync("/metoder/motiverende-interview");
        var colleagues = staffPage.Locator(".related-group", new() { Has = staffPage.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Kolleger, der kan metoden") }) });
        Assert.True(await colleagues.IsVisibleAsync());
        Assert.Matches("(Kender|Arbejder med|Underviser i) metoden", await colleagues.Locator("li .level").First.InnerTextAsync());
        Assert.True(await staffPage.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Slides om metoden") }).IsVisibleAsync());
        await Axe.AssertAccessibleAsync(staffPage);
    }

    [Fact]
    public async Task Anonymous_readers_are_told_that_profiles_are_for_staff()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/kompetenceprofiler");
        Assert.Equal(0, await AnnouncedCountAsync(page));
        Assert.True(await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Log ind" }).IsVisibleAsync());
        await Axe.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Staff_find_a_colleague_by_method_level_and_mentoring_and_open_the_profile()
    {
        await using var context = await site.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/kompetenceprofiler");
        var all = await AnnouncedCountAsync(page);
        Assert.True(all > 0);
        await Axe.AssertAccessibleAsync(page);

        await page.GetByLabel("Metode", new() { Exact = true }).SelectOptionAsync("motiverende-interview");
        await page.GetByLabel("Niveau i metoden").SelectOptionAsync("Underviser i metoden");
        await SubmitAsync(page, "Find kolleger");
        var teachers = await AnnouncedCountAsync(page);
        Assert.InRange(teachers, 1, all - 1);
        for (var i = 0; i < teachers; i++)
            Assert.Contains("Motiverende Interview: Underviser i metoden", await Cards(page).Nth(i).InnerTextAsync());

        await page.GotoAsync("/kompetenceprofiler");
        await page.GetByLabel("Kan være mentor eller give sparring").CheckAsync();
        await SubmitAsync(page, "Find kolleger");
        Assert.InRange(await AnnouncedCountAsync(page), 1, all - 1);
        Assert.True(await page.GetByLabel("Kan være mentor eller give sparring").IsCheckedAsync());

        await page.GotoAsync("/kompetenceprofiler/kasper-noergaard");
        Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "Min egen erfaring" }).IsVisibleAsync());
        Assert.True(await page.Locator("main a[href^='mailto:']").First.IsVisibleAsync());
        await Axe.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Front_page_offers_staff_a_find_a_colleague_box()
    {
        await using var anonymousContext = await site.NewContextAsync();
        var anonymous = await anonymousContext.NewPageAsync();
        await anonymous.GotoAsync("/");
        Assert.Equal(0, await anonymous.GetByRole(AriaRole.Heading, new() { Name = "Find en kollega" }).CountAsync());
        Assert.True(await anonymous.GetByRole(AriaRole.Heading, new() { Name = "De næste begivenheder" }).IsVisibleAsync());
        Assert.InRange(await anonymous.Locator("section[aria-labelledby=events-heading] ul.card-list > li").CountAsync(), 1, 3);

        await using var context = await site.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Kompetence eller emne").FillAsync("unge");
        await SubmitAsync(page, "Find kolleger");
        Assert.Contains("/kompetenceprofiler?kompetence=unge", page.Url);
        Assert.True(await AnnouncedCountAsync(page) > 0);
    }

    [Fact]
    public async Task Events_switch_between_upcoming_and_past_and_offer_calendar_files()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/begivenheder");
        var tabs = page.GetByRole(AriaRole.Navigation, new() { Name = "Vis begivenheder" });
        Assert.Equal("page", await tabs.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Kommende") }).GetAttributeAsync("aria-current"));
        Assert.True(await page.Locator("main a[href$='.ics']").First.IsVisibleAsync());
        Assert.True(await page.Locator("main a[href^='webcal:']").IsVisibleAsync());
        await Axe.AssertAccessibleAsync(page);

        await tabs.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Tidligere") }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.EndsWith("/begivenheder?tid=tidligere", page.Url);
        Assert.Equal("page", await tabs.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Tidligere") }).GetAttributeAsync("aria-current"));
        Assert.Equal(await AnnouncedCountAsync(page), await Cards(page).CountAsync());
        await Axe.AssertAccessibleAsync(page);

        await page.GotoAsync("/begivenheder/sindets-dag-2026");
        Assert.Equal(1, await page.Locator("script[type='application/ld+json']").CountAsync());
        Assert.True(await page.GetByRole(AriaRole.Navigation, new() { Name = "Andre begivenheder" }).IsVisibleAsync());
        await Axe.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Partners_are_grouped_by_kind_and_a_partner_page_links_to_its_events()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/samarbejdspartnere");
        Assert.True(await page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Foreninger"), Level = 2 }).IsVisibleAsync());
        await Axe.AssertAccessibleAsync(page);

        await page.GetByLabel("Type").SelectOptionAsync("Forening");
        await SubmitAsync(page, "Vis samarbejdspartnere");
        Assert.Equal(1, await page.Locator("main section.partner-group").CountAsync());

        await page.GotoAsync("/samarbejdspartnere/sind-randers");
        Assert.True(await page.Locator("main").GetByRole(AriaRole.Heading, new() { Name = "Kontakt", Exact = true }).IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Begivenheder, de arrangerer") }).IsVisibleAsync());
        await Axe.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Intro_pages_read_well_for_the_public_and_for_volunteers()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sider/hvad-er-recovery");
        Assert.True(await page.Locator("main .prose").First.IsVisibleAsync());
        await Axe.AssertAccessibleAsync(page);

        await using var staffContext = await site.NewAdminContextAsync();
        var staffPage = await staffContext.NewPageAsync();
        var response = await staffPage.GotoAsync("/sider/ny-som-frivillig-i-center-for-psykiatri");
        Assert.Equal(200, response!.Status);
        Assert.Contains("introduktionen for nye frivillige", await staffPage.Locator("main").InnerTextAsync());
        await Axe.AssertAccessibleAsync(staffPage);
    }
}
