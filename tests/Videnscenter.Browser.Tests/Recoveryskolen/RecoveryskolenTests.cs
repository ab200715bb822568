using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Videnscenter.Browser.Tests.Recoveryskolen;

/// <summary>Recoveryskolen's catalogue, course page, sign-up, receipt and cancellation in a real browser, checked with axe.</summary>
[Collection(SiteCollection.Name)]
public sealed class RecoveryskolenTests(SiteFixture site)
{
    [Fact]
    public async Task The_catalogue_shows_a_semester_with_places_and_filters_by_audience()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/kurser");
        Assert.Equal(200, response!.Status);
        Assert.Equal("Recoveryskolens kurser", (await page.Locator("main h1").InnerTextAsync()).Trim());
        var semesters = page.GetByRole(AriaRole.Navigation, new() { Name = "Semestre" }).Locator("a");
        Assert.True(await semesters.CountAsync() >= 2);
        Assert.Equal(1, await page.Locator("nav.semester-nav a[aria-current]").CountAsync());
        var cards = page.Locator("main ul.card-grid > li");
        Assert.True(await cards.CountAsync() > 0);
        Assert.Matches(new Regex(@"ledige? plads|Fuldt – skriv dig på ventelisten|I gang|Afholdt"), await cards.First.Locator(".places").InnerTextAsync());
        await Axe.AssertAccessibleAsync(page);

        // The GET filter: only courses for relatives are left, and the choice stays selected.
        var all = await cards.CountAsync();
        await page.GetByLabel("For hvem").SelectOptionAsync("paaroerende");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis kurser" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"for=paaroerende"));
        var left = await cards.CountAsync();
        Assert.InRange(left, 1, all - 1);
        for (var i = 0; i < left; i++)
            Assert.Contains("Pårørende", await cards.Nth(i).Locator("ul.chips").InnerTextAsync());
        Assert.Equal("paaroerende", await page.GetByLabel("For hvem").InputValueAsync());
    }

    [Fact]
    public async Task A_semester_page_is_a_catalogue_with_a_printable_pdf()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/kurser/semester/foraar-2027");
        Assert.Equal(200, response!.Status);
        Assert.Equal("Kursuskatalog forår 2027", (await page.Locator("main h1").InnerTextAsync()).Trim());
        Assert.Equal("page", await page.Locator("nav.semester-nav a[href='/kurser/semester/foraar-2027']").GetAttributeAsync("aria-current"));
        Assert.Equal(20, await page.Locator("main ul.card-grid > li").CountAsync());

        var pdfUrl = await page.Locator("a[href$='.pdf']").GetAttributeAsync("href");
        Assert.Equal("/kurser/semester/foraar-2027.pdf", pdfUrl);
        var pdf = await context.APIRequest.GetAsync(pdfUrl!);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        await Axe.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_course_page_shows_sessions_places_teachers_and_a_sign_up_form()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var path = await OpenCourseAsync(page);
        var practical = page.Locator("main .practical");
        Assert.Contains("Gratis – du skal ikke henvises", await practical.InnerTextAsync());
        Assert.Contains("En fagprofessionel og en peer fra Recoveryskolen", await practical.InnerTextAsync());
        Assert.Matches(new Regex(@"\d+ kursusgange"), await practical.InnerTextAsync());
        Assert.True(await page.Locator($"a[href='{path}.ics']").IsVisibleAsync());
        Assert.True(await page.GetByLabel("Navn").IsVisibleAsync());
        Assert.True(await page.GetByLabel("E-mail").IsVisibleAsync());
        Assert.True(await page.GetByLabel("Telefon").IsVisibleAsync());
        Assert.Contains("30 dage efter sidste kursusgang", await page.Locator("#signup-consent").InnerTextAsync());
        await Axe.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Signing_up_with_a_mistake_then_correctly_leads_to_a_receipt_and_cancelling_works()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await OpenCourseAsync(page);

        // First without any way to reach the person: the form comes back with the name kept.
        await page.GetByLabel("Navn").FillAsync("Søren Ågård");
        await page.Locator("form.sign-up-form button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.StartsWith("Fejl:", await page.TitleAsync());
        Assert.Equal("Søren Ågård", await page.GetByLabel("Navn").InputValueAsync());
        Assert.True(await page.Locator(".error-summary").IsVisibleAsync());
        Assert.True(await page.Locator("#signup-contact-error").IsVisibleAsync());
        await Axe.AssertAccessibleAsync(page);

        await page.GetByLabel("E-mail").FillAsync("soeren@eksempel.dk");
        await page.Locator("form.sign-up-form button[type=submit]").ClickAsync();
        // The receipt is the answer to the sign-up itself (no redirect that could be lost).
        await page.Locator(".personal-link a").WaitForAsync();
        var heading = (await page.Locator("main h1").InnerTextAsync()).Trim();
        Assert.Contains(heading, new[] { "Tak – du er tilmeldt", "Du er skrevet på ventelisten" });
        Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "Gem dette link" }).IsVisibleAsync());
        var link = (await page.Locator(".personal-link a").InnerTextAsync()).Trim();
        Assert.Matches(new Regex(@"/kurser/min-tilmelding/[A-Za-z0-9_-]{43}$"), link);
        await Axe.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Afmeld mig" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/afmeld$"));
        Assert.Equal("Vil du afmelde dig?", (await page.Locator("main h1").InnerTextAsync()).Trim());
        await Axe.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, afmeld mig" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/kurser/min-tilmelding/[A-Za-z0-9_-]{43}$"));
        Assert.Equal("Du er afmeldt", (await page.Locator("main h1").InnerTextAsync()).Trim());
        await Axe.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Editors_see_participants_and_the_waiting_list_on_an_accessible_page()
    {
        await using (var visitor = await site.NewContextAsync())
        {
            var page = await visitor.NewPageAsync();
            await OpenCourseAsync(page);
            await page.GetByLabel("Navn").FillAsync("Mette Deltager");
            await page.GetByLabel("Telefon").FillAsync("86 12 34 56");
            await page.Locator("form.sign-up-form button[type=submit]").ClickAsync();
            await page.Locator(".personal-link a").WaitForAsync();
        }

        await using var context = await site.NewAdminContextAsync();
        var admin = await context.NewPageAsync();
        var path = await OpenCourseAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Se deltagere og venteliste" }).ClickAsync();
        await admin.WaitForURLAsync(new Regex(@"/admin/kurser/[a-z0-9-]+/deltagere$"));
        Assert.Equal($"/admin{path}/deltagere", new Uri(admin.Url).AbsolutePath);
        Assert.True(await admin.GetByRole(AriaRole.Heading, new() { Name = "Venteliste (0)" }).IsVisibleAsync());
        Assert.True(await admin.GetByRole(AriaRole.Rowheader, new() { Name = "Mette Deltager" }).First.IsVisibleAsync());
        await Axe.AssertAccessibleAsync(admin);

        // Cancelling on someone's behalf asks first, on the same page.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Afmeld Mette Deltager" }).First.ClickAsync();
        await admin.WaitForURLAsync(new Regex(@"\?afmeld="));
        Assert.True(await admin.GetByRole(AriaRole.Button, new() { Name = "Ja, afmeld Mette Deltager" }).IsVisibleAsync());
        await Axe.AssertAccessibleAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Ja, afmeld Mette Deltager" }).ClickAsync();
        await admin.WaitForURLAsync(new Regex(@"/deltagere$"));
        Assert.Contains("Mette Deltager er afmeldt.", await admin.Locator("main [role=status]").InnerTextAsync());
    }

    [Fact]
    public async Task The_catalogue_course_and_receipt_fit_a_320px_wide_screen()
    {
        await using var context = await site.Browser.NewContextAsync(new()
        {
            BaseURL = site.BaseUrl, Locale = "da-DK", ViewportSize = new() { Width = 320, Height = 640 },
        });
        var page = await context.NewPageAsync();
        async Task AssertFitsAsync()
        {
            var fits = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");
            Assert.True(fits, $"{page.Url} er bredere end 320 px.");
        }

        await page.GotoAsync("/kurser");
        await AssertFitsAsync();
        await OpenCourseAsync(page);
        await AssertFitsAsync();
        await page.GetByLabel("Navn").FillAsync("Smal Skærm");
        await page.GetByLabel("E-mail").FillAsync("smal@eksempel.dk");
        await page.Locator("form.sign-up-form button[type=submit]").ClickAsync();
        await page.Locator(".personal-link a").WaitForAsync();
        await Screenshots.SaveAsync(page, "-320px");
        await AssertFitsAsync();
    }

    /// <summary>
    /// Opens the first course that is open for sign-up, from the semester catalogues. The seed's
    /// courses run until May 2027; after that there is none, and this says so.
    /// </summary>
    private static async Task<string> OpenCourseAsync(IPage page)
    {
        foreach (var semester in new[] { "/kurser/semester/foraar-2027", "/kurser/semester/efteraar-2026" })
        {
            await page.GotoAsync(semester);
            var open = page.Locator("main ul.card-grid > li").Filter(new() { Has = page.Locator(".places-open") }).Locator("h2 a");
            if (await open.CountAsync() == 0) continue;
            var href = (await open.First.GetAttributeAsync("href"))!;
            var response = await page.GotoAsync(href);
            Assert.Equal(200, response!.Status);
            return href;
        }
        throw new InvalidOperationException("Ingen kurser i startindholdet har ledige pladser længere: kursusdatoerne i content-seed/kurser er passeret.");
    }
}
