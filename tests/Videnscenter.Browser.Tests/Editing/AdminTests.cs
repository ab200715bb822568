using Microsoft.Playwright;

namespace Videnscenter.Browser.Tests.Editing;

/// <summary>
/// The editorial admin in a real browser: the whole round trip of an item, as an editor works,
/// with axe on every admin page type (dashboard, list, editor, history, preview).
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class AdminTests(SiteFixture site)
{
    private static readonly PageWaitForURLOptions Patient = new() { Timeout = 30_000 };

    /// <summary>Waits until the page shows a status message containing the text (the outcome of a submit).</summary>
    private static Task StatusAsync(IPage page, string text) =>
        page.Locator("main [role=status]", new() { HasText = text }).First.WaitForAsync(new() { Timeout = 30_000 });

    [Fact]
    public async Task Dashboard_and_list_are_accessible_and_lead_to_the_editor()
    {
        await using var context = await site.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Administration", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/admin", Patient);

        Assert.Equal("Administration", (await page.Locator("main h1").InnerTextAsync()).Trim());
        Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "Senest ændret" }).IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Navigation, new() { Name = "Administration" }).Locator("a[href='/admin/brugere']").IsVisibleAsync());
        await Axe.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Administration" }).GetByRole(AriaRole.Link, new() { Name = "Metodekatalog" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/indhold/metoder", Patient);
        Assert.True(await page.Locator("table.admin-table tbody tr").CountAsync() >= 10);
        await page.Locator("#q").FillAsync("nada");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vis", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/admin/indhold/metoder?q=nada*", Patient);
        Assert.Equal(1, await page.Locator("table.admin-table tbody tr").CountAsync());
        Assert.Equal("Udgivet", (await page.Locator("table.admin-table tbody .status").InnerTextAsync()).Trim());
        await Axe.AssertAccessibleAsync(page);

        await page.Locator("table.admin-table tbody a").First.ClickAsync();
        await page.WaitForURLAsync("**/admin/indhold/metoder/*", Patient);
        Assert.Equal("NADA", await page.Locator("#titel").InputValueAsync());
        await Axe.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task An_editor_creates_fixes_saves_previews_publishes_edits_meets_a_conflict_and_restores()
    {
        await using var context = await site.NewAdminContextAsync();
        var page = await context.NewPageAsync();

        // Create, with a mistake: an address with capitals and spaces.
        await page.GotoAsync("/admin/indhold/sider");
        await page.GetByRole(AriaRole.Link, new() { Name = "Opret side" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/indhold/sider/ny", Patient);
        await page.Locator("#titel").FillAsync("Velkommen i caféen");
        await page.Locator("#adresse").FillAsync("Velkommen i Caféen!");
        await page.Locator("#resume").FillAsync("Sådan tager du imod gæster i caféen.");
        await page.Locator("#broedtekst").FillAsync("Første udgave af teksten.\n\nDu siger hej og byder på kaffe.");
        await page.GetByLabel("Recoveryskolen", new() { Exact = true }).CheckAsync();
        await page.Locator(".action-bar button[value=gem]").ClickAsync();

        var summary = page.Locator(".error-summary");
        await summary.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("«Adresse» må kun indeholde små bogstaver", await summary.InnerTextAsync());
        Assert.True(await summary.EvaluateAsync<bool>("e => e === document.activeElement"), "Fejlopsummeringen får ikke fokus.");
        Assert.Equal("true", await page.Locator("#adresse").GetAttributeAsync("aria-invalid"));
        Assert.Contains("«Adresse» må kun indeholde", await page.Locator("#adresse-fejl").InnerTextAsync());
        // Nothing typed is lost.
        Assert.Equal("Velkommen i caféen", await page.Locator("#titel").InputValueAsync());
        Assert.Equal("Velkommen i Caféen!", await page.Locator("#adresse").InputValueAsync());
        Assert.Equal("Sådan tager du imod gæster i caféen.", await page.Locator("#resume").InputValueAsync());
        Assert.Equal("Første udgave af teksten.\n\nDu siger hej og byder på kaffe.", await page.Locator("#broedtekst").InputValueAsync());
        Assert.True(await page.GetByLabel("Recoveryskolen", new() { Exact = true }).IsCheckedAsync());
        await Axe.AssertAccessibleAsync(page);

        // The summary's link takes the user to the field.
        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        Assert.True(await page.Locator("#adresse").EvaluateAsync<bool>("e => e === document.activeElement"));

        // Fix and save the draft.
        await page.Locator("#adresse").FillAsync("");
        await page.Locator(".action-bar button[value=gem]").ClickAsync();
        await StatusAsync(page, "Kladden er gemt som version 1.");
        var editorUrl = page.Url.Split('?')[0];
        Assert.Equal("velkommen-i-cafeen", await page.Locator("#adresse").InputValueAsync());
        Assert.Equal("Kladde", (await page.Locator(".item-status .status").InnerTextAsync()).Trim());
        Assert.Equal(404, (await page.APIRequest.GetAsync("/sider/velkommen-i-cafeen")).Status);

        // Preview: the public template with the preview banner.
        await page.Locator(".action-bar button[value=forhaandsvis]").ClickAsync();
        await page.WaitForURLAsync("**/forhaandsvisning?version=1", Patient);
        Assert.Contains("Forhåndsvisning af version 1", await page.Locator("main article [role=status]").InnerTextAsync());
        Assert.Equal("Velkommen i caféen", (await page.Locator("main article h1").InnerTextAsync()).Trim());
        Assert.Contains("Du siger hej og byder på kaffe.", await page.Locator("main article .prose").InnerTextAsync());
        await Axe.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Tilbage til redigering" }).ClickAsync();
        await page.WaitForURLAsync(editorUrl, Patient);

        // Publish.
        await page.Locator(".action-bar button[value=udgiv]").ClickAsync();
        await StatusAsync(page, "Version 1 er udgivet.");
        Assert.Equal("Udgivet", (await page.Locator(".item-status .status").InnerTextAsync()).Trim());
        var live = await page.APIRequest.GetAsync("/sider/velkommen-i-cafeen");
        Assert.Equal(200, live.Status);
        Assert.Contains("Første udgave af teksten.", await live.TextAsync());

        // Edit: a second version, a draft beside the live one.
        await page.Locator("#broedtekst").FillAsync("Anden udgave af teksten.\n\nDu siger hej og byder på kaffe.");
        await page.Locator(".action-bar button[value=gem]").ClickAsync();
        await StatusAsync(page, "Kladden er gemt som version 2.");
        Assert.Equal("Udgivet med ny kladde", (await page.Locator(".item-status .status").InnerTextAsync()).Trim());

        // A colleague (second browser) opens version 2; meanwhile this editor saves version 3.
        await using var otherContext = await site.NewAdminContextAsync();
        var other = await otherContext.NewPageAsync();
        await other.GotoAsync(editorUrl);
        await page.Locator("#titel").FillAsync("Velkommen i caféen i Psykiatriens Hus");
        await page.Locator(".action-bar button[value=gem]").ClickAsync();
        await StatusAsync(page, "Kladden er gemt som version 3.");

        await other.Locator("#broedtekst").FillAsync("Kollegaens tekst, som ikke må gå tabt.");
        await other.Locator(".action-bar button[value=gem]").ClickAsync();
        var conflict = other.Locator(".error-summary");
        await conflict.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("gemte en nyere version (version 3)", await conflict.InnerTextAsync());
        Assert.Contains("Intet er overskrevet", await conflict.InnerTextAsync());
        Assert.Equal("Kollegaens tekst, som ikke må gå tabt.", await other.Locator("#broedtekst").InputValueAsync());
        var newest = conflict.GetByRole(AriaRole.Link, new() { Name = "Åbn den nyeste version (i et nyt faneblad)" });
        Assert.EndsWith(new Uri(editorUrl).AbsolutePath, await newest.GetAttributeAsync("href"));
        await Axe.AssertAccessibleAsync(other);

        // History: the diff between 2 and 3, then restore version 1.
        await page.GetByRole(AriaRole.Link, new() { Name = "Historik", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/historik", Patient);
        Assert.Equal(3, await page.Locator("table.versions tbody tr").CountAsync());
        var diff = page.Locator(".diff-section");
        Assert.Contains("Ændringer fra version 2 til 3", await diff.Locator("h2").InnerTextAsync());
        Assert.Equal("fjernet: Velkommen i caféen", (await diff.Locator(".diff del").First.TextContentAsync())!.Trim());
        Assert.Equal("tilføjet: Velkommen i caféen i Psykiatriens Hus", (await diff.Locator(".diff ins").First.TextContentAsync())!.Trim());
        await Axe.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Gendan denne version (1)" }).ClickAsync();
        await StatusAsync(page, "Version 1 er gendannet som en ny kladde (version 4)");
        Assert.Equal("Velkommen i caféen", await page.Locator("#titel").InputValueAsync());
        Assert.StartsWith("Første udgave af teksten.", await page.Locator("#broedtekst").InputValueAsync());
        Assert.Equal("Udgivet med ny kladde", (await page.Locator(".item-status .status").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task The_reference_picker_filters_as_you_type_and_the_text_preview_renders_Markdown()
    {
        await using var context = await site.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/indhold/kompetenceprofiler/ny");

        var picker = page.Locator("#felt-methods-vaelger");
        var all = await picker.Locator("li:visible").CountAsync();
        Assert.True(all > 10);
        await page.GetByLabel("NADA", new() { Exact = true }).CheckAsync();
        await page.Locator("#felt-methods-soeg").FillAsync("motiv");
        // Only matching methods and the chosen one stay visible.
        var visible = await picker.Locator("li:visible label:not(.visually-hidden)").AllInnerTextsAsync();
        Assert.Contains(visible, t => t.StartsWith("Motiverende Interview", StringComparison.Ordinal));
        Assert.Contains(visible, t => t.StartsWith("NADA", StringComparison.Ordinal));
        Assert.DoesNotContain(visible, t => t.StartsWith("MOVE", StringComparison.Ordinal));
        // Enter in the filter filters; it does not save the form.
        await page.Locator("#felt-methods-soeg").PressAsync("Enter");
        Assert.EndsWith("/admin/indhold/kompetenceprofiler/ny", page.Url);
        Assert.Equal(0, await page.Locator(".error-summary").CountAsync());

        await page.Locator("#felt-livedExperience").FillAsync("## Min vej\n\nDet **hjalp** at tale med en peer.");
        await page.Locator("#felt-livedExperience").ScrollIntoViewIfNeededAsync();
        await page.Locator("button[formaction$='#felt-livedExperience-forhaandsvisning']").ClickAsync();
        var preview = page.Locator("#felt-livedExperience-forhaandsvisning");
        await preview.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal("Min vej", (await preview.Locator("h2").InnerTextAsync()).Trim());
        Assert.Equal("hjalp", (await preview.Locator("strong").InnerTextAsync()).Trim());
        Assert.True(await page.GetByLabel("NADA", new() { Exact = true }).IsCheckedAsync());
        Assert.Equal("motiv", await page.Locator("#felt-methods-soeg").InputValueAsync());
        await Axe.AssertAccessibleAsync(page);
    }
}
