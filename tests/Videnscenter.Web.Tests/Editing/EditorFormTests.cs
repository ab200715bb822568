using System.Net;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Web.Editing;

namespace Videnscenter.Web.Tests.Editing;

/// <summary>The editor form is generated from the definitions and never loses what was typed.</summary>
[Collection(AdminCollection.Name)]
public sealed class EditorFormTests(AdminSite admin)
{
    private async Task<ContentSchema> SchemaAsync()
    {
        await using var scope = admin.Site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SchemaStore>().GetAsync();
    }

    [Fact]
    public async Task The_new_item_form_has_a_labelled_input_of_the_right_kind_for_every_field_of_every_type()
    {
        var schema = await SchemaAsync();
        Assert.Equal(7, schema.Types.Count);
        foreach (var type in schema.Types)
        {
            var page = await AdminPages.GetAsync(admin.Admin, $"/admin/indhold/{type.Section}/ny");
            var form = page.QuerySelector("form.editor")!;
            foreach (var id in new[] { EditorIds.Title, EditorIds.Slug, EditorIds.Summary, EditorIds.Audience, EditorIds.Departments, EditorIds.Tags, EditorIds.Body })
                Assert.True(form.QuerySelector($"#{id}") is not null, $"{type.Name}: intet #{id}");

            foreach (var f in type.Fields)
            {
                var id = EditorIds.Field(f.Name);
                var name = EditorIds.FieldName(f.Name);
                var input = form.QuerySelector($"#{id}");
                Assert.True(input is not null, $"{type.Name}.{f.Name}: intet element med id {id}");
                var expected = f.Kind switch
                {
                    FieldKind.Markdown => "textarea",
                    FieldKind.Boolean => "input[type=checkbox]",
                    FieldKind.Date => "input[type=date]",
                    FieldKind.DateTimeRanges => "input[type=date]",
                    FieldKind.Link => "input[type=url]",
                    FieldKind.Email => "input[type=email]",
                    FieldKind.Phone => "input[type=tel]",
                    FieldKind.Number => "input[inputmode=decimal]",
                    FieldKind.Choice when f.Multiple => "input[type=checkbox]",
                    FieldKind.Choice => "select",
                    FieldKind.Taxonomy when f.Multiple => "input[type=checkbox]",
                    FieldKind.Taxonomy => "input[type=radio]",
                    FieldKind.Reference when f.Multiple => "input[type=checkbox]",
                    FieldKind.Reference => "select",
                    FieldKind.Media => "select",
                    _ => "input[type=text]",
                };
                Assert.True(input!.Matches(expected), $"{type.Name}.{f.Name} ({f.Kind}) er {input.OuterHtml}, ikke {expected}");
                var controlName = f.Kind == FieldKind.DateTimeRanges ? name + ".dato" : name;
                Assert.Equal(controlName, input.GetAttribute("name"));

                // Labelled: by its own label, or (for a group) by the fieldset's legend.
                var label = form.QuerySelector($"label[for='{id}']");
                var legend = input.Closest("fieldset")?.QuerySelector("legend");
                var labelText = f.Kind is FieldKind.DateTimeRanges or FieldKind.Taxonomy || f.Kind == FieldKind.Choice && f.Multiple
                                || f.Kind == FieldKind.Reference && f.Multiple
                    ? legend?.TextContent
                    : label?.TextContent;
                Assert.True(labelText?.Contains(f.Label, StringComparison.Ordinal) == true, $"{type.Name}.{f.Name}: ingen etiket «{f.Label}»");
                if (f.Help.Length > 0) Assert.Contains(f.Help, form.TextContent);
                if (f.Required) Assert.Contains("(skal udfyldes)", (labelText ?? ""));
            }
            if (type.Fields.Any(f => f.Kind == FieldKind.DateTimeRanges))
            {
                var ranges = type.Fields.First(f => f.Kind == FieldKind.DateTimeRanges);
                // No JavaScript needed: three empty rows of date, start and end.
                Assert.Equal(EditModel.BlankRangeRows, form.QuerySelectorAll($"input[name='felt.{ranges.Name}.start'][type=time]").Length);
            }
        }
    }

    [Theory]
    [InlineData("Method", "motiverende-interview")]
    [InlineData("CompetenceProfile", "anne-mette-skov")]
    [InlineData("Course", "haab-og-mening")]
    [InlineData("Event", "sindets-dag-2026")]
    [InlineData("Partner", "sind-randers")]
    [InlineData("SlideDeck", "nada-i-praksis")]
    [InlineData("Page", "om-videnscentret")]
    public async Task Saving_an_unchanged_form_keeps_every_value_and_adds_no_version(string type, string slug)
    {
        var schema = await SchemaAsync();
        var id = await admin.IdOfAsync(type, slug);
        var before = (await admin.LatestAsync(id))!;
        var (_, form) = await AdminPages.OpenEditorAsync(admin.Admin, AdminPages.EditUrl(schema.Type(type)!.Section, id));

        var (_, page) = await AdminPages.SubmitExpectingRedirectAsync(admin.Admin, form, "gem");
        Assert.Contains("Der var ingen ændringer at gemme.", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(before.VersionId, (await admin.LatestAsync(id))!.VersionId);

        // And the form read back turns into exactly the stored values.
        var draft = EditorForm.FromItem(before, schema.Type(type)!).ToDraft(schema.Type(type)!);
        var saved = await admin.WithStoreAsync(s => s.SaveAsync(id, before.VersionId, draft, "test"));
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors));
        Assert.Equal(before.Fields.ToJsonString(), saved.Item!.Fields.ToJsonString());
        Assert.Equal(before.Body, saved.Item.Body);
        Assert.Equal(before.Tags, saved.Item.Tags);
    }

    [Fact]
    public async Task A_failed_save_keeps_everything_typed_and_shows_the_Danish_message_beside_the_field()
    {
        var (_, form) = await AdminPages.OpenEditorAsync(admin.Admin, "/admin/indhold/metoder/ny");
        const string body = "Tekst, jeg ikke vil miste.\n\nEn linje mere med æ, ø og å.";
        form.Set("titel", "Metode med fejl");
        form.Set("broedtekst", body);
        form.Set("resume", "Et kort resumé.");
        form.Set("emneord", "samtale, håb");
        form.Set("felt.lastReviewed", "2026-13-45");
        form.Set("felt.organisation", "Organiseret i teams.");
        form.Add("felt.themes", "motivation");
        form.Add("afdelinger", "recoveryskolen");
        form.Set("adgang", "Frivillig");

        var page = await AdminPages.SubmitExpectingPageAsync(admin.Admin, form, "gem");

        // The error summary links to each field; the message stands beside the field and is tied to it.
        var summary = page.QuerySelector(".error-summary")!;
        // A draft may leave required fields empty (publishing enforces them); a malformed value is still an error.
        Assert.Null(summary.QuerySelector("a[href='#felt-purpose']"));
        Assert.NotNull(summary.QuerySelector("a[href='#felt-lastReviewed']"));
        Assert.Contains("«Sidst gennemgået» skal være en gyldig dato", page.QuerySelector("#felt-lastReviewed-fejl")!.TextContent);
        Assert.Contains("felt-lastReviewed-fejl", page.QuerySelector("#felt-lastReviewed")!.GetAttribute("aria-describedby"));
        Assert.StartsWith("Fejl: ", page.Title);

        // Everything typed is still there.
        Assert.Equal("Metode med fejl", page.QuerySelector("#titel")!.GetAttribute("value"));
        Assert.Equal(body, page.QuerySelector("#broedtekst")!.TextContent.Replace("\r\n", "\n").TrimStart('\n'));
        Assert.Equal("Et kort resumé.", page.QuerySelector("#resume")!.TextContent.Trim());
        Assert.Equal("samtale, håb", page.QuerySelector("#emneord")!.GetAttribute("value"));
        Assert.Equal("2026-13-45", page.QuerySelector("#felt-lastReviewed")!.GetAttribute("value"));
        Assert.Equal("Organiseret i teams.", page.QuerySelector("#felt-organisation")!.TextContent.Trim());
        Assert.True(page.QuerySelector("input[name='felt.themes'][value=motivation]")!.HasAttribute("checked"));
        Assert.True(page.QuerySelector("input[name=afdelinger][value=recoveryskolen]")!.HasAttribute("checked"));
        Assert.True(page.QuerySelector("input[name=adgang][value=Frivillig]")!.HasAttribute("checked"));
        Assert.Null(await admin.WithStoreAsync(s => s.FindBySlugAsync("Method", "metode-med-fejl")));

        // Fixing the two fields saves it with everything else as typed.
        var fixedForm = FormData.From((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form.editor")!, "/admin/indhold/metoder/ny");
        fixedForm.Set("felt.purpose", "At hjælpe.");
        fixedForm.Set("felt.lastReviewed", "2026-11-01");
        var (location, _) = await AdminPages.SubmitExpectingRedirectAsync(admin.Admin, fixedForm, "gem");
        var id = Guid.Parse(location.Split('/')[4].Split('?')[0]);
        var item = (await admin.LatestAsync(id))!;
        Assert.Equal("Metode med fejl", item.Title);
        Assert.Equal(body, item.Body);
        Assert.Equal(["samtale", "håb"], item.Tags);
        Assert.Equal(["motivation"], item.Values("themes"));
        Assert.Equal(Videnscenter.Content.Audience.Frivillig, item.Audience);
        Assert.Equal(ContentStatus.Draft, item.Status);
    }

    [Fact]
    public async Task Date_time_ranges_are_typed_as_rows_and_a_half_filled_row_is_refused_and_kept()
    {
        var (_, form) = await AdminPages.OpenEditorAsync(admin.Admin, "/admin/indhold/kurser/ny");
        form.Set("titel", "Kursus med kursusgange");
        form.Add("felt.semester", "foraar-2027");
        form.Add("felt.courseAudience", "Borgere");
        form.Set("felt.place", "Psykiatriens Hus");
        form.Set("felt.places", "12");
        form.Set("felt.sessions.dato", "2027-03-01").Add("felt.sessions.dato", "2027-03-08").Add("felt.sessions.dato", "");
        form.Set("felt.sessions.start", "17:00").Add("felt.sessions.start", "17:00").Add("felt.sessions.start", "");
        form.Set("felt.sessions.slut", "19:00").Add("felt.sessions.slut", "").Add("felt.sessions.slut", "");

        var page = await AdminPages.SubmitExpectingPageAsync(admin.Admin, form, "gem");
        Assert.Contains("«Kursusgange», linje 2: udfyld både dato, start og slut", page.QuerySelector("#felt-sessions-fejl")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#felt-sessions-1-slut")!.GetAttribute("aria-invalid"));
        Assert.Null(page.QuerySelector("#felt-sessions")!.GetAttribute("aria-invalid"));
        Assert.Equal("2027-03-08", page.QuerySelector("#felt-sessions-1-dato")!.GetAttribute("value"));
        Assert.Equal("17:00", page.QuerySelector("#felt-sessions-1-start")!.GetAttribute("value"));
        // The kept rows plus three empty ones.
        Assert.Equal(2 + EditModel.BlankRangeRows, page.QuerySelectorAll("input[name='felt.sessions.dato']").Length);

        var again = FormData.From((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form.editor")!, "/admin/indhold/kurser/ny");
        var ends = again.All("felt.sessions.slut").ToList();
        ends[1] = "19:30";
        again.Remove("felt.sessions.slut");
        foreach (var end in ends) again.Add("felt.sessions.slut", end);
        var (location, _) = await AdminPages.SubmitExpectingRedirectAsync(admin.Admin, again, "gem");
        var item = (await admin.LatestAsync(Guid.Parse(location.Split('/')[4].Split('?')[0])))!;
        Assert.Equal([new DateTimeRange(new(2027, 3, 1, 17, 0, 0), new(2027, 3, 1, 19, 0, 0)), new DateTimeRange(new(2027, 3, 8, 17, 0, 0), new(2027, 3, 8, 19, 30, 0))],
            item.Ranges("sessions"));
        Assert.Equal(12m, item.Number("places"));
    }

    [Fact]
    public async Task A_conflicting_save_is_refused_with_the_stores_message_and_keeps_the_typed_text()
    {
        var item = await admin.CreateAsync(new ContentDraft { Type = "Page", Title = "Konfliktside", Body = "Første tekst." }, publish: true);
        var url = AdminPages.EditUrl("sider", item.Id);
        var (_, form) = await AdminPages.OpenEditorAsync(admin.Admin, url);

        // A colleague saves meanwhile.
        var colleague = await admin.WithStoreAsync(s => s.SaveAsync(item.Id, item.VersionId,
            ContentDraft.From(item) with { Body = "Kollegaens tekst." }, "kollega"));
        Assert.True(colleague.Succeeded);

        form.Set("broedtekst", "Min egen tekst, som ikke må gå tabt.");
        var page = await AdminPages.SubmitExpectingPageAsync(admin.Admin, form, "gem");
        var summary = page.QuerySelector(".error-summary")!;
        Assert.Contains("kollega gemte en nyere version (version 2)", summary.TextContent);
        Assert.Contains("Intet er overskrevet", summary.TextContent);
        var newest = summary.QuerySelector($"a[href='{url}']")!;
        Assert.Contains("Åbn den nyeste version", newest.TextContent);
        Assert.Equal("Min egen tekst, som ikke må gå tabt.", page.QuerySelector("#broedtekst")!.TextContent.Trim());
        // The form still names the version it started from, so saving again is refused again.
        Assert.Equal(item.VersionId.ToString(), page.QuerySelector("input[name=baseVersionId]")!.GetAttribute("value"));

        var latest = (await admin.LatestAsync(item.Id))!;
        Assert.Equal(2, latest.VersionNumber);
        Assert.Equal("Kollegaens tekst.", latest.Body);

        // Publishing from the stale form is refused the same way.
        var publish = await AdminPages.SubmitExpectingPageAsync(admin.Admin, form, "udgiv");
        Assert.Contains("gemte en nyere version", publish.QuerySelector(".error-summary")!.TextContent);
        Assert.False((await admin.LatestAsync(item.Id))!.IsPublishedVersion);
    }

    [Fact]
    public async Task Forhaandsvis_tekst_renders_the_Markdown_under_each_field_and_saves_nothing()
    {
        var (_, form) = await AdminPages.OpenEditorAsync(admin.Admin, "/admin/indhold/metoder/ny");
        form.Set("titel", "Metode til forhåndsvisning");
        form.Set("broedtekst", "## Sådan gør du\n\nMed **fed** tekst og <script>alert(1)</script>.");
        form.Set("felt.purpose", "- første punkt\n- andet punkt");

        var page = await AdminPages.SubmitExpectingPageAsync(admin.Admin, form, "tekst");
        var body = page.QuerySelector("#broedtekst-forhaandsvisning")!;
        Assert.Equal("Sådan gør du", body.QuerySelector("h2")!.TextContent);
        Assert.Equal("fed", body.QuerySelector("strong")!.TextContent);
        Assert.Empty(body.QuerySelectorAll("script"));
        Assert.Equal(2, page.QuerySelectorAll("#felt-purpose-forhaandsvisning li").Length);
        Assert.Contains("## Sådan gør du", page.QuerySelector("#broedtekst")!.TextContent);
        Assert.Equal("Metode til forhåndsvisning", page.QuerySelector("#titel")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector(".error-summary"));
        Assert.Null(await admin.WithStoreAsync(s => s.FindBySlugAsync("Method", "metode-til-forhaandsvisning")));
    }

    [Fact]
    public async Task Lix_is_shown_for_each_Markdown_text_with_a_hint_when_volunteers_would_find_it_hard()
    {
        const string hard = "Implementeringsprocessen forudsætter organisatoriske beslutninger vedrørende ressourceallokering, " +
                            "kompetenceudvikling og tværsektoriel koordinering mellem forvaltningsområderne.";
        var (_, form) = await AdminPages.OpenEditorAsync(admin.Admin, "/admin/indhold/sider/ny");
        form.Set("titel", "Svær side");
        form.Set("broedtekst", hard);

        var plain = await AdminPages.SubmitExpectingPageAsync(admin.Admin, form, "tekst");
        var lix = Lix.OfMarkdown(hard)!;
        Assert.Contains($"LIX {lix.Rounded}, meget svær", plain.QuerySelector("#broedtekst-lix")!.TextContent);
        Assert.Null(plain.QuerySelector(".lix-hint"));

        form.Add("felt.forVolunteers", "true");
        var volunteers = await AdminPages.SubmitExpectingPageAsync(admin.Admin, form, "tekst");
        Assert.Contains("Teksten er svær at læse for nye frivillige", volunteers.QuerySelector(".lix-hint")!.TextContent);

        form.Remove("felt.forVolunteers").Set("adgang", "Frivillig").Set("broedtekst", "Kom ind. Vi har kaffe. Spørg os om alt.");
        var easy = await AdminPages.SubmitExpectingPageAsync(admin.Admin, form, "tekst");
        Assert.Contains("meget let", easy.QuerySelector("#broedtekst-lix")!.TextContent);
        Assert.Null(easy.QuerySelector(".lix-hint"));
    }

    [Fact]
    public async Task The_reference_picker_filters_on_the_server_and_keeps_the_chosen_items_and_levels()
    {
        var nada = await admin.IdOfAsync("Method", "nada");
        var mi = await admin.IdOfAsync("Method", "motiverende-interview");
        var move = await admin.IdOfAsync("Method", "move");
        var (page, form) = await AdminPages.OpenEditorAsync(admin.Admin, "/admin/indhold/kompetenceprofiler/ny");
        // Without a filter every method is offered, each with a level.
        Assert.NotNull(page.QuerySelector($"input[name='felt.methods'][value='{move}']"));
        Assert.NotNull(page.QuerySelector($"select[name='felt.methods.niveau.{nada}']"));

        form.Set("titel", "Ny kollega");
        form.Add("felt.methods", nada.ToString());
        form.Set($"felt.methods.niveau.{nada}", "Underviser i metoden");
        form.Set("felt.methods.soeg", "motiv");
        var filtered = await AdminPages.SubmitExpectingPageAsync(admin.Admin, form, "soeg:methods");

        Assert.NotNull(filtered.QuerySelector($"input[name='felt.methods'][value='{mi}']"));
        Assert.Null(filtered.QuerySelector($"input[name='felt.methods'][value='{move}']"));
        var chosen = filtered.QuerySelector($"input[name='felt.methods'][value='{nada}']")!;
        Assert.True(chosen.HasAttribute("checked"));
        Assert.Equal("Underviser i metoden",
            filtered.QuerySelector($"select[name='felt.methods.niveau.{nada}'] option[selected]")!.TextContent);
        Assert.Equal("motiv", filtered.QuerySelector("#felt-methods-soeg")!.GetAttribute("value"));
        Assert.Equal("Ny kollega", filtered.QuerySelector("#titel")!.GetAttribute("value"));
        Assert.Null(await admin.WithStoreAsync(s => s.FindBySlugAsync("CompetenceProfile", "ny-kollega")));
    }
}
