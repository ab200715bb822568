using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content.Items;
using Videnscenter.Media.Library;
using Videnscenter.Web.Editing;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Editing;

/// <summary>The editor's image picker and media fields, as plain form posts (no script needed).</summary>
[Collection(AdminCollection.Name)]
public sealed class ImagePickerTests(AdminSite admin)
{
    [Fact]
    public async Task Choosing_a_library_image_puts_its_markdown_into_the_body_without_saving()
    {
        var image = await admin.UploadImageAsync("vaelg-mig.png", "Haven bag Psykiatriens Hus");
        var draft = await admin.CreateAsync(new ContentDraft { Type = "Page", Title = "Side med valgt billede", Body = "Første afsnit." });
        var (editor, form) = await AdminPages.OpenEditorAsync(admin.Admin, AdminPages.EditUrl("sider", draft.Id));
        Assert.NotNull(editor.QuerySelector($"select#{ImagePicker.ChoiceName} option[value='{image.Name}']"));

        var page = await AdminPages.SubmitExpectingPageAsync(admin.Admin, form.Set(ImagePicker.ChoiceName, image.Name), ImagePicker.InsertAction);

        Assert.Equal($"Første afsnit.\n\n![Haven bag Psykiatriens Hus]({image.Url})", page.QuerySelector("#broedtekst")!.TextContent.Replace("\r\n", "\n"));
        Assert.Contains($"Billedet «{image.Name}» er sat ind", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(1, (await admin.LatestAsync(draft.Id))!.VersionNumber);
    }

    [Fact]
    public async Task An_image_uploaded_on_the_spot_with_alt_text_goes_into_the_library_and_the_body()
    {
        var draft = await admin.CreateAsync(new ContentDraft { Type = "Page", Title = "Side med nyt billede", Body = "" });
        var (_, form) = await AdminPages.OpenEditorAsync(admin.Admin, AdminPages.EditUrl("sider", draft.Id));
        form.Set(ImagePicker.AltName, "Kaffe og kage i caféen");

        var response = await admin.Admin.PostAsync(form.Action,
            form.Multipart(ImagePicker.UploadAction, ImagePicker.FileName, "Café på stedet.png", Media.MediaSite.Png, "image/png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = SiteFactory.Parse(await response.Content.ReadAsStringAsync());
        var file = await admin.Site.Services.GetRequiredService<MediaLibrary>().FindAsync("cafe-paa-stedet.png");
        Assert.NotNull(file);
        Assert.Equal("Kaffe og kage i caféen", file.AltText);
        Assert.Equal("![Kaffe og kage i caféen](/medier/cafe-paa-stedet.png)", page.QuerySelector("#broedtekst")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_upload_without_alt_text_is_refused_at_the_body_and_nothing_is_inserted()
    {
        var draft = await admin.CreateAsync(new ContentDraft { Type = "Page", Title = "Side uden alt-tekst", Body = "Tekst." });
        var (_, form) = await AdminPages.OpenEditorAsync(admin.Admin, AdminPages.EditUrl("sider", draft.Id));

        var response = await admin.Admin.PostAsync(form.Action,
            form.Multipart(ImagePicker.UploadAction, ImagePicker.FileName, "uden-alt.png", Media.MediaSite.Png, "image/png"));

        var page = SiteFactory.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Skriv en alternativ tekst til «uden-alt.png»", page.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal("Tekst.", page.QuerySelector("#broedtekst")!.TextContent.Trim());
        Assert.Null(await admin.Site.Services.GetRequiredService<MediaLibrary>().FindAsync("uden-alt.png"));
    }

    [Fact]
    public async Task A_media_field_is_a_choice_from_the_library_that_keeps_a_missing_value_visible()
    {
        var deck = await admin.UploadImageAsync("vaelg-praesentation.png", "Forside til oplægget");
        var draft = await admin.CreateAsync(new ContentDraft { Type = "SlideDeck", Title = "Dæk med manglende fil", Fields = new() { ["file"] = "findes-ikke.pptx" } });
        var (editor, _) = await AdminPages.OpenEditorAsync(admin.Admin, AdminPages.EditUrl("slides", draft.Id));

        var select = editor.QuerySelector("select#felt-file")!;
        Assert.Null(editor.QuerySelector("input#felt-file"));
        Assert.Equal("findes-ikke.pptx", select.QuerySelector("option[selected]")!.GetAttribute("value"));
        Assert.Contains("findes ikke i mediebiblioteket", select.QuerySelector("option[selected]")!.TextContent);
        Assert.NotNull(select.QuerySelector($"optgroup option[value='{deck.Name}']"));
        Assert.NotNull(select.QuerySelector("option[value='introduktion-til-recovery.pptx']"));
    }
}
