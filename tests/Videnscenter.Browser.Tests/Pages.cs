using Microsoft.Playwright;

namespace Videnscenter.Browser.Tests;

/// <summary>What the tests know about the site's structure.</summary>
public static class Pages
{
    /// <summary>The sections the recipe makes routable; the nav must list exactly these.</summary>
    public static readonly string[] Sections =
        ["/metoder", "/kurser", "/begivenheder", "/kompetenceprofiler", "/samarbejdspartnere", "/slides", "/sider"];

    /// <summary>The items a list page shows: each has a heading linking to the item's page.</summary>
    public static string ItemLinks(string section) => $"main :is(h2, h3) > a[href^='{section}/']";

    /// <summary>href → link text of the main menu.</summary>
    public static async Task<Dictionary<string, string>> NavSectionsAsync(IPage page)
    {
        var links = page.Locator("nav[aria-label=Hovedmenu] a");
        var result = new Dictionary<string, string>();
        for (var i = 0; i < await links.CountAsync(); i++)
        {
            var link = links.Nth(i);
            result[await link.GetAttributeAsync("href") ?? ""] = (await link.InnerTextAsync()).Trim();
        }
        return result;
    }
}
