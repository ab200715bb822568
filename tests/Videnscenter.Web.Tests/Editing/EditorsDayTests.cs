using System.Net;
using AngleSharp.Html.Dom;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Tests.Editing;

/// <summary>The editor's day (issue 12): incomplete drafts, publish checks, optional fields, Rediger, Mine kladder, participants, Logbog.</summary>
[Collection(AdminCollection.Name)]
public sealed class EditorsDayTests(AdminSite admin)
{
    [Fact]
    public async Task A_draft_saves_with_required_fields_empty_and_publishing_names_them_with_the_same_messages()
    {
        var (_, form) = await AdminPages.OpenEditorAsync(admin.Editor, "/admin/indhold/metoder/ny");
        form.Set("titel", "Halvfærdig metode").Set("broedtekst", "Noter til senere.");
        var (location, saved) = await AdminPages.SubmitExpectingRedirectAsync(admin.Editor, form, "gem");
        Assert.Contains("Kladden er gemt som version 1.", saved.QuerySelector("[role=status]")!.TextContent);
        var url = location.Split('?')[0];

        form = FormData.From((IHtmlFormElement)saved.QuerySelector("form.editor")!, url);
        var refused = await AdminPages.SubmitExpectingPageAsync(admin.Editor, form, "udgiv");
        var summary = refused.QuerySelector(".error-summary")!.TextContent;
        Assert.Contains("«Formål» skal udfyldes.", summary);
        Assert.Contains("«Sidst gennemgået» skal udfyldes.", summary);
        Assert.Contains("«Formål» skal udfyldes.", refused.QuerySelector("#felt-purpose-fejl")!.TextContent);
        var id = Guid.Parse(url.Split('/')[4]);
        Assert.Equal(ContentStatus.Draft, (await admin.LatestAsync(id))!.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Site.Anonymous().GetAsync("/metoder/halvfaerdig-metode")).StatusCode);

        // Filled in, it publishes.
        form = FormData.From((IHtmlFormElement)refused.QuerySelector("form.editor")!, url);
        form.Set("felt.purpose", "At prøve udgivelsen.").Set("felt.lastReviewed", "2026-11-01");
        var (_, published) = await AdminPages.SubmitExpectingRedirectAsync(admin.Editor, form, "udgiv");
        Assert.Contains("er udgivet", published.QuerySelector("[role=status]")!.TextContent);
    }

    [Fact]
    public async Task Empty_optional_fields_never_get_format_errors()
    {
        var (_, form) = await AdminPages.OpenEditorAsync(admin.Editor, "/admin/indhold/samarbejdspartnere/ny");
        form.Set("titel", "Forening uden kontaktoplysninger").Add("felt.partnerType", "Forening");
        foreach (var field in new[] { "felt.address", "felt.email", "felt.phone", "felt.website", "felt.contact", "adresse" })
            form.Set(field, "  ");
        var (location, page) = await AdminPages.SubmitExpectingRedirectAsync(admin.Editor, form, "gem");
        Assert.Null(page.QuerySelector(".error-summary"));
        var item = (await admin.LatestAsync(Guid.Parse(location.Split('/')[4].Split('?')[0])))!;
        Assert.Equal("forening-uden-kontaktoplysninger", item.Slug);
        Assert.Null(item.Text("address"));
    }

    [Fact]
    public async Task Rediger_shows_on_public_pages_only_for_those_who_may_edit()
    {
        var id = await admin.IdOfAsync("Method", "nada");
        var editorLink = $"main a[href='/admin/indhold/metoder/{id}']";
        Assert.NotNull((await AdminPages.GetAsync(admin.Editor, "/metoder/nada")).QuerySelector(editorLink));
        Assert.Null((await AdminPages.GetAsync(admin.Volunteer, "/metoder/nada")).QuerySelector(editorLink));
        Assert.Null((await AdminPages.GetAsync(admin.Staff, "/metoder/nada")).QuerySelector(editorLink));

        // Staff may edit their own profile, and only that.
        var own = await admin.IdOfAsync("CompetenceProfile", "anders-lykke");
        Assert.NotNull((await AdminPages.GetAsync(admin.Staff, "/kompetenceprofiler/anders-lykke")).QuerySelector($"main a[href='/admin/indhold/kompetenceprofiler/{own}']"));
        Assert.Empty((await AdminPages.GetAsync(admin.Staff, "/kompetenceprofiler/karen-munk")).QuerySelectorAll("main a[href^='/admin/indhold/']"));
    }

    [Fact]
    public async Task Mine_kladder_lists_the_editors_own_drafts_and_not_others()
    {
        var mine = await admin.CreateAsync(new ContentDraft { Type = "Page", Title = "Min egen kladde" });
        var page = await AdminPages.GetAsync(admin.Editor, "/admin");
        var section = page.QuerySelector("section[aria-labelledby=mine-heading]")!;
        Assert.StartsWith("Mine kladder", section.QuerySelector("h2")!.TextContent);
        // Created by "test", not by this editor.
        Assert.DoesNotContain("Min egen kladde", section.TextContent);

        var (_, form) = await AdminPages.OpenEditorAsync(admin.Editor, "/admin/indhold/sider/ny");
        form.Set("titel", "Redaktørens kladde");
        await AdminPages.SubmitExpectingRedirectAsync(admin.Editor, form, "gem");
        section = (await AdminPages.GetAsync(admin.Editor, "/admin")).QuerySelector("section[aria-labelledby=mine-heading]")!;
        Assert.Contains("Redaktørens kladde", section.TextContent);
        Assert.DoesNotContain(mine.Title, section.TextContent);
    }

    [Fact]
    public async Task The_participant_list_is_linked_from_the_admin_course_list_and_the_course_editor()
    {
        var list = await AdminPages.GetAsync(admin.Editor, "/admin/indhold/kurser");
        Assert.NotNull(list.QuerySelector("a[href='/admin/kurser/nada-og-ro-i-kroppen/deltagere']"));
        var id = await admin.IdOfAsync("Course", "nada-og-ro-i-kroppen");
        var editor = await AdminPages.GetAsync(admin.Editor, AdminPages.EditUrl("kurser", id));
        var link = editor.QuerySelector("a[href='/admin/kurser/nada-og-ro-i-kroppen/deltagere']")!;
        Assert.Equal(HttpStatusCode.OK, (await admin.Editor.GetAsync(link.GetAttribute("href"))).StatusCode);
    }

    [Fact]
    public async Task The_admin_menu_says_Logbog()
    {
        var page = await AdminPages.GetAsync(admin.Admin, "/admin");
        Assert.Equal("Logbog", page.QuerySelector("nav.admin-nav a[href='/admin/log']")!.TextContent.Trim());
        Assert.Equal("Logbog", (await AdminPages.GetAsync(admin.Admin, "/admin/log")).QuerySelector("main h1")!.TextContent.Trim());
    }
}
