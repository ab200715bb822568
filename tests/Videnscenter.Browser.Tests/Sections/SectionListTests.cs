using System.Text.RegularExpressions;

namespace Videnscenter.Browser.Tests.Sections;

[Collection(SiteCollection.Name)]
public sealed class SectionListTests(SiteFixture site)
{
    public static TheoryData<string> Sections => new(Pages.Sections);

    /// <summary>Each section counts in its own noun (singular, plural), as the recipe names them.</summary>
    private static readonly Dictionary<string, (string One, string Many)> CountNouns = new()
    {
        ["/metoder"] = ("metode", "metoder"),
        ["/kompetenceprofiler"] = ("kollega", "kolleger"),
        ["/kurser"] = ("kursus", "kurser"),
        ["/begivenheder"] = ("begivenhed", "begivenheder"),
        ["/samarbejdspartnere"] = ("samarbejdspartner", "samarbejdspartnere"),
        ["/slides"] = ("slidesæt", "slidesæt"),
        ["/sider"] = ("side", "sider"),
    };

    [Fact]
    public async Task The_main_menu_lists_exactly_the_sections_tested_here()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        var nav = await Pages.NavSectionsAsync(page);
        Assert.Equal(Pages.Sections.Order(), nav.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public async Task List_page_shows_its_section_and_is_accessible(string section)
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(section);

        Assert.Equal(200, response!.Status);
        var navLink = page.Locator($"nav[aria-label=Hovedmenu] a[href='{section}']");
        var sectionName = (await navLink.InnerTextAsync()).Trim();
        Assert.Equal("page", await navLink.GetAttributeAsync("aria-current"));

        var h1 = page.Locator("main h1");
        Assert.True(await h1.IsVisibleAsync());
        Assert.Equal(sectionName, (await h1.InnerTextAsync()).Trim());
        Assert.StartsWith(sectionName, await page.TitleAsync());
        var count = (await page.Locator("main [role=status]").InnerTextAsync()).Trim();
        var (one, many) = CountNouns[section];
        Assert.Matches(new Regex($@"^(1 {Regex.Escape(one)}|\d+ {Regex.Escape(many)})$"), count);
        // One heading link per item counted (sections group and filter their items differently).
        Assert.Equal(int.Parse(count.Split(' ')[0]), await page.Locator(Pages.ItemLinks(section)).CountAsync());

        await Axe.AssertAccessibleAsync(page);
    }
}
