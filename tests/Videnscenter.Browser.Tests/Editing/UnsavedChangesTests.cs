using Microsoft.Playwright;

namespace Videnscenter.Browser.Tests.Editing;

/// <summary>The editor warns before leaving only when something would be lost.</summary>
[Collection(SiteCollection.Name)]
public sealed class UnsavedChangesTests(SiteFixture site)
{
    // Fires the page's beforeunload handlers as leaving would; true when they ask to stay.
    private const string WouldWarn = "() => { const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented; }";

    [Fact]
    public async Task Leaving_the_editor_warns_only_after_a_real_change()
    {
        await using var context = await site.NewAdminContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/indhold/metoder");
        await page.Locator("table.admin-table tbody a").First.ClickAsync();
        await page.WaitForURLAsync("**/admin/indhold/metoder/*");
        await page.Locator("form.editor").WaitForAsync();

        Assert.False(await page.EvaluateAsync<bool>(WouldWarn), "Advarer, selv om intet er ændret. Felter ændret siden indlæsning: "
            + await page.EvaluateAsync<string>("() => [...document.querySelector('form.editor').elements].filter(e => e.name && (e.type === 'checkbox' || e.type === 'radio' ? e.checked !== e.defaultChecked : e.tagName === 'SELECT' ? [...e.options].some(o => o.selected !== o.defaultSelected) : ('defaultValue' in e) && e.type !== 'hidden' && e.value !== e.defaultValue)).map(e => e.name + '=' + e.value).join(', ')")
            + " data-unsaved=" + (await page.Locator("form.editor").GetAttributeAsync("data-unsaved") ?? "(ingen)"));

        // Focusing fields, typing in a reference filter, and a change undone change nothing that is saved.
        await page.Locator("#titel").FocusAsync();
        // The reference filters are shown by the script for the pickers that have one.
        var filter = page.Locator("input[data-reference-filter]:visible").First;
        if (await filter.CountAsync() > 0) await filter.FillAsync("mest");
        var box = page.Locator("form.editor input[type=checkbox][name^='felt.']").First;
        await box.ClickAsync();
        await box.ClickAsync();
        Assert.False(await page.EvaluateAsync<bool>(WouldWarn), "Advarer efter en ændring, der er fortrudt, eller efter søgning i en liste.");

        await page.Locator("#titel").FillAsync((await page.Locator("#titel").InputValueAsync()) + " (ændret)");
        Assert.True(await page.EvaluateAsync<bool>(WouldWarn), "Advarer ikke, selv om titlen er ændret.");
    }
}
