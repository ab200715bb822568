using System.Net;
using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Home;

/// <summary>The reader's day (issue 12): the not-found page, legal pages, words, method pages and "Opdateret".</summary>
public sealed class ReadersDayTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private const string HiddenMethod = "/metoder/faelles-team-for-psykisk-saarbarhed-og-rusmidler-intern-arbejdsgang";
    private const string MissingMethod = "/metoder/faelles-team-for-psykisk-saarbarhed-og-rusmidler-intern-arbejdsganx";

    [Fact]
    public async Task A_hidden_page_and_a_missing_page_give_signed_out_readers_the_same_answer_with_a_log_in_link_back()
    {
        var client = site.Anonymous();
        var hidden = await client.GetAsync(HiddenMethod);
        var missing = await client.GetAsync(MissingMethod);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var hiddenBody = await hidden.Content.ReadAsStringAsync();
        var missingBody = await missing.Content.ReadAsStringAsync();
        // The only difference may be the address itself (in the log-in links back to it).
        Assert.Equal(hiddenBody.Replace(Uri.EscapeDataString(HiddenMethod), "ADR"), missingBody.Replace(Uri.EscapeDataString(MissingMethod), "ADR"));

        var page = SiteFactory.Parse(hiddenBody);
        Assert.Equal("Siden findes ikke, eller den kræver, at du logger ind", page.QuerySelector("h1")!.TextContent);
        var login = page.QuerySelector("main a[href^='/konto/log-ind']")!;
        Assert.Equal("/konto/log-ind?ReturnUrl=" + Uri.EscapeDataString(HiddenMethod), login.GetAttribute("href"));
        // The header's log-in link also returns to the address asked for, not to the error page.
        Assert.Equal("/konto/log-ind?ReturnUrl=" + Uri.EscapeDataString(HiddenMethod),
            page.QuerySelector("header a[href^='/konto/log-ind']")!.GetAttribute("href"));

        // Signed in, the same address shows the page.
        var admin = await site.SignedInAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(HiddenMethod)).StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/metoder")]
    [InlineData("/metoder/nada")]
    [InlineData("/soeg?q=recovery")]
    [InlineData("/findes-ikke")]
    public async Task Every_footer_links_the_accessibility_statement_and_privacy_page_and_gives_contact_details(string path)
    {
        var page = SiteFactory.Parse(await (await site.Anonymous().GetAsync(path)).Content.ReadAsStringAsync());
        var footer = page.QuerySelector("footer")!;
        Assert.NotNull(footer.QuerySelector("a[href='/sider/tilgaengelighedserklaering']"));
        Assert.NotNull(footer.QuerySelector("a[href='/sider/privatliv-og-cookies']"));
        Assert.NotNull(footer.QuerySelector("address a[href^='tel:']"));
        Assert.NotNull(footer.QuerySelector("address a[href^='mailto:']"));
        // One name for the centre, in header and footer alike.
        Assert.Contains("Center for Psykiatri, Randers Kommune", page.QuerySelector("header .brand")!.TextContent);
        Assert.Contains("Center for Psykiatri, Randers Kommune", footer.TextContent);
        Assert.DoesNotContain("Socialt Udsatte", footer.TextContent);
        Assert.NotNull(page.QuerySelector("link[rel=icon]"));
    }

    [Fact]
    public async Task The_legal_pages_are_seeded_editable_pages_with_what_the_law_asks()
    {
        var client = site.Anonymous();
        var accessibility = await client.GetStringAsync("/sider/tilgaengelighedserklaering");
        Assert.Contains("WCAG 2.1", accessibility);
        Assert.Contains("Digitaliseringsstyrelsen", accessibility);
        var privacy = await client.GetStringAsync("/sider/privatliv-og-cookies");
        Assert.Contains("nødvendige", privacy);
        Assert.Contains("30 dage efter", privacy);
        Assert.Contains("videnscenter", privacy); // the one cookie's name
        foreach (var slug in new[] { "tilgaengelighedserklaering", "privatliv-og-cookies", "kontakt" })
        {
            var item = await site.WithStoreAsync(s => s.GetPublishedAsync("Page", slug, Audience.Offentlig));
            Assert.NotNull(item); // a content item: editors change it in the admin like any page
        }
    }

    [Fact]
    public async Task Counts_take_the_sections_own_noun()
    {
        var client = site.Anonymous();
        var methods = await site.WithStoreAsync(s => s.ListPublishedAsync("Method", Audience.Offentlig));
        var front = await client.GetStringAsync("/");
        Assert.Contains($"{methods.Count} metoder", front);
        Assert.DoesNotContain(" emner<", front);
        Assert.Contains($"{methods.Count} metoder", await client.GetStringAsync("/metoder"));
        Assert.Matches(@"\d+ kurser", await client.GetStringAsync("/kurser"));

        var admin = await site.SignedInAsync();
        var profiles = await site.WithStoreAsync(s => s.ListPublishedAsync("CompetenceProfile", Audience.Medarbejder));
        Assert.Contains($"{profiles.Count} kolleger", await admin.GetStringAsync("/kompetenceprofiler"));
        Assert.Contains($"{profiles.Count} kolleger", await admin.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_method_page_has_sources_behind_each_grade_an_owner_law_links_and_print()
    {
        var anonymous = SiteFactory.Parse(await site.Anonymous().GetStringAsync("/metoder/mestringsvejledning"));
        // Law paragraphs link to the act.
        var law = anonymous.QuerySelectorAll("main a.law-link").ToList();
        Assert.Contains(law, a => a.TextContent.Contains("§ 85") && a.GetAttribute("href")!.StartsWith("https://www.retsinformation.dk/"));
        // Every grade in the table links to its list of sources.
        var rows = anonymous.QuerySelectorAll("table.evidence tbody tr").ToList();
        Assert.Equal(3, rows.Count);
        foreach (var row in rows)
        {
            var link = row.QuerySelector("a[href^='#kilder-']")!;
            var target = anonymous.GetElementById(link.GetAttribute("href")![1..])!;
            Assert.NotEmpty(target.QuerySelectorAll("li"));
        }
        // The owner: the department for readers who may not see profiles.
        var side = anonymous.QuerySelector("aside.side")!;
        Assert.Contains("Metodeansvarlig", side.TextContent);
        Assert.Null(side.QuerySelector("a[href^='/kompetenceprofiler/']"));
        Assert.Contains("ansvarlig afdeling", side.TextContent);
        Assert.Contains("Sidst gennemgået", side.TextContent);
        Assert.NotNull(anonymous.QuerySelector("button[data-print]"));
        Assert.NotNull(anonymous.QuerySelector("link[rel=stylesheet][media=print]"));

        // Staff see the colleague's profile named.
        var admin = SiteFactory.Parse(await (await site.SignedInAsync()).GetStringAsync("/metoder/mestringsvejledning"));
        Assert.NotNull(admin.QuerySelector("aside.side .owner a[href^='/kompetenceprofiler/']"));
    }

    [Fact]
    public async Task Opdateret_shows_only_after_a_real_editorial_change_and_Rediger_only_to_editors()
    {
        const string path = "/samarbejdspartnere/lap";
        var before = SiteFactory.Parse(await site.Anonymous().GetStringAsync(path));
        Assert.DoesNotContain("Opdateret", before.QuerySelector("main .meta")!.TextContent);
        Assert.Empty(before.QuerySelectorAll("main a[href^='/admin/']"));

        var id = (await site.WithStoreAsync(s => s.FindBySlugAsync("Partner", "lap")))!.Value;
        var latest = (await site.WithStoreAsync(s => s.GetLatestAsync(id)))!;
        var draft = ContentDraft.From(latest) with { Summary = latest.Summary + " Rettet af en redaktør." };
        var saved = await site.WithStoreAsync(s => s.SaveAsync(id, latest.VersionId, draft, "redaktoer"));
        await site.WithStoreAsync(s => s.PublishAsync(saved.Item!.Id));

        var after = SiteFactory.Parse(await site.Anonymous().GetStringAsync(path));
        Assert.Contains("Opdateret", after.QuerySelector("main .meta")!.TextContent);

        var asEditor = SiteFactory.Parse(await (await site.SignedInAsync()).GetStringAsync(path));
        Assert.Equal($"/admin/indhold/samarbejdspartnere/{id}", asEditor.QuerySelector("main a.button[href^='/admin/']")!.GetAttribute("href"));
    }
}
