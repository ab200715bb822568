using System.Net;
using AngleSharp.Html.Dom;
using Videnscenter.Content;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Tests.Editing;

/// <summary>Preview, publish, take down and archive from the editor, and the checks before publishing.</summary>
[Collection(AdminCollection.Name)]
public sealed class PublishingTests(AdminSite admin)
{
    private async Task<HttpStatusCode> PublicStatusAsync(string path) => (await admin.Site.Anonymous().GetAsync(path)).StatusCode;

    [Fact]
    public async Task Forhaandsvis_saves_the_draft_and_shows_it_as_readers_will_while_the_live_page_is_unchanged()
    {
        var item = await admin.CreateAsync(new ContentDraft { Type = "Page", Title = "Side til forhåndsvisning", Body = "Den gamle tekst." }, publish: true);
        var (_, form) = await AdminPages.OpenEditorAsync(admin.Admin, AdminPages.EditUrl("sider", item.Id));
        form.Set("broedtekst", "Den **nye** tekst om recovery.");

        var (location, preview) = await AdminPages.SubmitExpectingRedirectAsync(admin.Admin, form, "forhaandsvis");
        Assert.Equal($"/admin/indhold/sider/{item.Id}/forhaandsvisning?version=2", location);
        Assert.Contains("Forhåndsvisning af version 2", preview.QuerySelector("main [role=status]")!.TextContent);
        var article = preview.QuerySelector("main article")!;
        Assert.Equal("Side til forhåndsvisning", article.QuerySelector("h1")!.TextContent);
        Assert.Equal("nye", article.QuerySelector(".prose strong")!.TextContent);
        Assert.NotNull(preview.QuerySelector($"a[href='/admin/indhold/sider/{item.Id}']"));

        var live = await admin.Site.Anonymous().GetStringAsync("/sider/side-til-forhaandsvisning");
        Assert.Contains("Den gamle tekst.", live);
        Assert.DoesNotContain("recovery", live.Split("<main")[1].Split("</main>")[0]);
    }

    [Fact]
    public async Task The_preview_uses_the_types_own_template()
    {
        var id = await admin.IdOfAsync("Method", "nada");
        var preview = await AdminPages.GetAsync(admin.Admin, $"/admin/indhold/metoder/{id}/forhaandsvisning");
        var live = await AdminPages.GetAsync(admin.Site.Anonymous(), "/metoder/nada");
        // Same template: the same headings in the article, plus the preview banner.
        Assert.Equal(live.QuerySelectorAll("main article h2").Select(h => h.TextContent),
                     preview.QuerySelectorAll("main article h2").Select(h => h.TextContent));
        Assert.Contains("Forhåndsvisning af version", preview.QuerySelector("main article")!.TextContent);
    }

    [Fact]
    public async Task Publish_unpublish_and_archive_from_the_editor()
    {
        var (_, form) = await AdminPages.OpenEditorAsync(admin.Admin, "/admin/indhold/sider/ny");
        form.Set("titel", "Udgivelsesside").Set("broedtekst", "Første udgave.");
        var (created, page) = await AdminPages.SubmitExpectingRedirectAsync(admin.Admin, form, "gem");
        var url = created.Split('?')[0];
        Assert.Contains("Kladden er gemt som version 1.", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("Kladde", page.QuerySelector(".item-status .status")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, await PublicStatusAsync("/sider/udgivelsesside"));

        form = FormData.From((IHtmlFormElement)page.QuerySelector("form.editor")!, url);
        var (_, published) = await AdminPages.SubmitExpectingRedirectAsync(admin.Admin, form, "udgiv");
        Assert.Contains("Version 1 er udgivet.", published.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("Udgivet", published.QuerySelector(".item-status .status")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, await PublicStatusAsync("/sider/udgivelsesside"));

        // Publishing with changes saves them first and publishes the new version.
        form = FormData.From((IHtmlFormElement)published.QuerySelector("form.editor")!, url);
        form.Set("titel", "Udgivelsesside, ny titel");
        var (_, republished) = await AdminPages.SubmitExpectingRedirectAsync(admin.Admin, form, "udgiv");
        Assert.Contains("Version 2 er udgivet.", republished.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("Udgivelsesside, ny titel", await admin.Site.Anonymous().GetStringAsync("/sider/udgivelsesside"));

        form = FormData.From((IHtmlFormElement)republished.QuerySelector("form.editor")!, url);
        var (_, unpublished) = await AdminPages.SubmitExpectingRedirectAsync(admin.Admin, form, "afpublicer");
        Assert.Contains("taget af siden", unpublished.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("Kladde", unpublished.QuerySelector(".item-status .status")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, await PublicStatusAsync("/sider/udgivelsesside"));
        Assert.Null(unpublished.QuerySelector("button[value=afpublicer]"));

        form = FormData.From((IHtmlFormElement)unpublished.QuerySelector("form.editor")!, url);
        var (_, archived) = await AdminPages.SubmitExpectingRedirectAsync(admin.Admin, form, "arkiver");
        Assert.Contains("arkiveret", archived.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("Arkiveret", archived.QuerySelector(".item-status .status")!.TextContent);
        Assert.Null(archived.QuerySelector("button[value=arkiver]"));
        Assert.Equal(HttpStatusCode.NotFound, await PublicStatusAsync("/sider/udgivelsesside"));
        var id = Guid.Parse(url.Split('/')[4]);
        Assert.Equal(ContentStatus.Archived, (await admin.LatestAsync(id))!.Status);
    }

    [Fact]
    public async Task Images_without_alt_text_and_dead_internal_links_must_be_confirmed_before_publishing()
    {
        var draft = await admin.CreateAsync(new ContentDraft { Type = "Page", Title = "Side med mangler", Body = "Kort tekst." });
        await admin.CreateAsync(new ContentDraft { Type = "Method", Title = "Kladdemetode", Fields = new() { ["purpose"] = "x", ["lastReviewed"] = "2026-11-01" } });
        var url = AdminPages.EditUrl("sider", draft.Id);
        var cafe = await admin.UploadImageAsync("cafe.png", "Testbillede");
        var cafe2 = await admin.UploadImageAsync("cafe2.png", "Testbillede");
        var (_, form) = await AdminPages.OpenEditorAsync(admin.Admin, url);
        form.Set("broedtekst",
            $"Se billedet ![]({cafe.Url}) og ![Caféen i Psykiatriens Hus]({cafe2.Url}).\n\n" +
            "Læs om [en metode, der ikke findes](/metoder/findes-ikke), [en kladde](/metoder/kladdemetode), " +
            "[NADA](/metoder/nada), [søgningen](/soeg?q=nada) og [SIND](https://sind.dk).");

        var page = await AdminPages.SubmitExpectingPageAsync(admin.Admin, form, "udgiv");
        var warnings = page.QuerySelector(".publish-warnings")!;
        var items = warnings.QuerySelectorAll("li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, items.Count);
        Assert.Contains(items, w => w.Contains(cafe.Url) && w.Contains("ingen alternativ tekst"));
        Assert.Contains(items, w => w.Contains("/metoder/findes-ikke") && w.Contains("ikke findes"));
        Assert.Contains(items, w => w.Contains("/metoder/kladdemetode") && w.Contains("ikke er udgivet"));
        Assert.All(warnings.QuerySelectorAll("li a"), a => Assert.Equal("#broedtekst", a.GetAttribute("href")));
        Assert.NotNull(page.QuerySelector("input#udgiv-alligevel[type=checkbox]"));
        Assert.Null(page.QuerySelector("input#udgiv-alligevel")!.GetAttribute("checked"));

        // Saved, not published.
        var latest = (await admin.LatestAsync(draft.Id))!;
        Assert.Equal(2, latest.VersionNumber);
        Assert.Equal(ContentStatus.Draft, latest.Status);

        var confirm = FormData.From((IHtmlFormElement)page.QuerySelector("form.editor")!, url).Set("udgivAlligevel", "true");
        var (_, published) = await AdminPages.SubmitExpectingRedirectAsync(admin.Admin, confirm, "udgiv");
        Assert.Contains("Version 2 er udgivet.", published.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, await PublicStatusAsync("/sider/side-med-mangler"));
    }

    [Fact]
    public async Task A_reference_to_a_media_file_that_does_not_exist_refuses_the_publish_naming_the_file()
    {
        var draft = await admin.CreateAsync(new ContentDraft { Type = "Page", Title = "Side med manglende billede", Body = "Kort tekst." });
        var url = AdminPages.EditUrl("sider", draft.Id);
        var (_, form) = await AdminPages.OpenEditorAsync(admin.Admin, url);
        form.Set("broedtekst", "Se plakaten: ![Plakat for Sindets Dag](/medier/plakat-findes-ikke.png)");

        // Not even a confirmation publishes it: the page would show a broken image.
        var page = await AdminPages.SubmitExpectingPageAsync(admin.Admin, form.Set("udgivAlligevel", "true"), "udgiv");

        var summary = page.QuerySelector(".error-summary")!.TextContent;
        Assert.Contains("«Brødtekst» henviser til «/medier/plakat-findes-ikke.png», men filen findes ikke i mediebiblioteket.", summary);
        Assert.Equal(ContentStatus.Draft, (await admin.LatestAsync(draft.Id))!.Status);
        Assert.Equal(HttpStatusCode.NotFound, await PublicStatusAsync("/sider/side-med-manglende-billede"));

        // Once the file is in the library, the same text publishes.
        var plakat = await admin.UploadImageAsync("plakat-findes-nu.png", "Testbillede");
        var (_, again) = await AdminPages.OpenEditorAsync(admin.Admin, url);
        again.Set("broedtekst", $"Se plakaten: ![Plakat for Sindets Dag]({plakat.Url})");
        await AdminPages.SubmitExpectingRedirectAsync(admin.Admin, again, "udgiv");
        Assert.Equal(HttpStatusCode.OK, await PublicStatusAsync("/sider/side-med-manglende-billede"));
    }

    [Fact]
    public async Task A_clean_item_is_published_without_a_confirmation_step()
    {
        var draft = await admin.CreateAsync(new ContentDraft { Type = "Page", Title = "Ren side", Body = "Læs om [NADA](/metoder/nada)." });
        var (_, form) = await AdminPages.OpenEditorAsync(admin.Admin, AdminPages.EditUrl("sider", draft.Id));
        var (_, page) = await AdminPages.SubmitExpectingRedirectAsync(admin.Admin, form, "udgiv");
        Assert.Contains("Version 1 er udgivet.", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(1, (await admin.LatestAsync(draft.Id))!.VersionNumber);
    }
}
