using AngleSharp.Html.Dom;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Tests.Editing;

[Collection(AdminCollection.Name)]
public sealed class HistoryTests(AdminSite admin)
{
    [Fact]
    public async Task History_shows_a_readable_diff_and_restores_an_old_version_as_a_new_draft()
    {
        var v1 = await admin.CreateAsync(new ContentDraft
        {
            Type = "Page", Title = "Historikside", Body = "Linje et.\nLinje to.\nLinje tre.", Fields = new() { ["forVolunteers"] = false },
        }, publish: true);
        var v2 = await admin.WithStoreAsync(s => s.SaveAsync(v1.Id, v1.VersionId,
            ContentDraft.From(v1) with { Title = "Historikside, rettet", Body = "Linje et.\nLinje 2.\nLinje tre.", Fields = new() { ["forVolunteers"] = true } }, "kollega"));
        Assert.True(v2.Succeeded);

        var url = $"/admin/indhold/sider/{v1.Id}/historik";
        var page = await AdminPages.GetAsync(admin.Admin, url);
        Assert.Equal(2, page.QuerySelectorAll("table.versions tbody tr").Length);
        var diff = page.QuerySelector(".diff-section")!;
        Assert.Contains("Ændringer fra version 1 til 2", diff.QuerySelector("h2")!.TextContent);
        var headings = diff.QuerySelectorAll("h3").Select(h => h.TextContent).ToList();
        Assert.Equal(["Titel", "Brødtekst", "Introduktion for frivillige"], headings);
        Assert.Equal(["fjernet: Historikside", "fjernet: Linje to.", "fjernet: Nej"], diff.QuerySelectorAll(".diff del").Select(d => d.TextContent).ToList());
        Assert.Equal(["tilføjet: Historikside, rettet", "tilføjet: Linje 2.", "tilføjet: Ja"], diff.QuerySelectorAll(".diff ins").Select(d => d.TextContent).ToList());
        Assert.Contains("Linje et.", diff.TextContent);
        Assert.Equal("fjernet: ", diff.QuerySelector("del .visually-hidden")!.TextContent);

        // Version 1 shown on its own: all of it is new.
        var first = await AdminPages.GetAsync(admin.Admin, url + "?version=1");
        Assert.Contains("den første version", first.QuerySelector(".diff-section h2")!.TextContent);
        Assert.Empty(first.QuerySelectorAll(".diff-section .diff del"));
        Assert.NotEmpty(first.QuerySelectorAll(".diff-section .diff ins"));

        // Restore version 1.
        var restoreForm = page.QuerySelectorAll("table.versions form").Cast<IHtmlFormElement>()
            .Single(f => f.GetAttribute("action")!.Contains("version=1"));
        var response = await admin.Admin.PostAsync(restoreForm.GetAttribute("action"), FormData.From(restoreForm, url).Content(null));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal($"/admin/indhold/sider/{v1.Id}?besked=gendannet&fra=1", location);
        var editor = await AdminPages.GetAsync(admin.Admin, location);
        Assert.Contains("Version 1 er gendannet som en ny kladde (version 3)", editor.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("Historikside", editor.QuerySelector("#titel")!.GetAttribute("value"));

        var latest = (await admin.LatestAsync(v1.Id))!;
        Assert.Equal(3, latest.VersionNumber);
        Assert.Equal("Linje et.\nLinje to.\nLinje tre.", latest.Body);
        Assert.False(latest.IsPublishedVersion);
        // The live page keeps version 1 (published earlier) until the restored draft is published.
        Assert.Contains("Historikside", await admin.Site.Anonymous().GetStringAsync("/sider/historikside"));
    }

    [Fact]
    public async Task History_of_an_unknown_item_or_of_the_wrong_type_is_404()
    {
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.Admin.GetAsync($"/admin/indhold/sider/{Guid.NewGuid()}/historik")).StatusCode);
        var nada = await admin.IdOfAsync("Method", "nada");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.Admin.GetAsync($"/admin/indhold/sider/{nada}/historik")).StatusCode);
    }
}
