using System.Net;
using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Web.Editing;

namespace Videnscenter.Web.Tests.Editing;

/// <summary>Who may open and do what in /admin.</summary>
[Collection(AdminCollection.Name)]
public sealed class AdminPermissionTests(AdminSite admin)
{
    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/indhold/metoder")]
    [InlineData("/admin/indhold/metoder/ny")]
    [InlineData("/admin/min-profil")]
    public async Task Anonymous_visitors_are_sent_to_the_login_page(string path)
    {
        var response = await admin.Site.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/konto/log-ind", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Anonymous_visitors_cannot_open_an_item_or_its_history()
    {
        var id = await admin.IdOfAsync("Method", "nada");
        foreach (var path in new[] { $"/admin/indhold/metoder/{id}", $"/admin/indhold/metoder/{id}/historik", $"/admin/indhold/metoder/{id}/forhaandsvisning" })
        {
            var response = await admin.Site.Anonymous().GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/konto/log-ind", response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task Volunteers_get_the_Danish_403_page_everywhere_in_the_admin()
    {
        var id = await admin.IdOfAsync("Method", "nada");
        foreach (var path in new[] { "/admin", "/admin/indhold/metoder", "/admin/indhold/metoder/ny", $"/admin/indhold/metoder/{id}",
                                     $"/admin/indhold/metoder/{id}/historik", $"/admin/indhold/metoder/{id}/forhaandsvisning", "/admin/min-profil" })
        {
            var response = await admin.Volunteer.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("Du har ikke adgang", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Editors_and_administrators_open_the_dashboard_and_see_the_admin_link()
    {
        foreach (var client in new[] { admin.Admin, admin.Editor })
        {
            var page = await AdminPages.GetAsync(client, "/admin");
            Assert.Equal("Administration", page.QuerySelector("main h1")!.TextContent.Trim());
            Assert.NotNull(page.QuerySelector("header a[href='/admin']"));
        }
        // Only administrators get the administrators' tools.
        var editorPage = await AdminPages.GetAsync(admin.Editor, "/admin");
        Assert.Null(editorPage.QuerySelector("nav[aria-label=Administration] a[href='/admin/brugere']"));
        Assert.NotNull(editorPage.QuerySelector("nav[aria-label=Administration] a[href='/admin/medier']"));
        var adminPage = await AdminPages.GetAsync(admin.Admin, "/admin");
        Assert.NotNull(adminPage.QuerySelector("nav[aria-label=Administration] a[href='/admin/brugere']"));
        Assert.NotNull(adminPage.QuerySelector("nav[aria-label=Administration] a[href='/admin/log']"));
        Assert.NotNull(adminPage.QuerySelector("a[href='/admin/soegeindeks']"));
    }

    [Fact]
    public async Task Staff_are_led_from_the_dashboard_to_their_own_profile()
    {
        var own = await admin.IdOfAsync(AdminAccess.ProfileType, "anders-lykke");
        var dashboard = await admin.Staff.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.Equal("/admin/min-profil", dashboard.Headers.Location!.OriginalString);

        var mine = await admin.Staff.GetAsync("/admin/min-profil");
        Assert.Equal(HttpStatusCode.Redirect, mine.StatusCode);
        Assert.Equal($"/admin/indhold/kompetenceprofiler/{own}", mine.Headers.Location!.OriginalString);

        var page = await AdminPages.GetAsync(admin.Staff, $"/admin/indhold/kompetenceprofiler/{own}");
        Assert.Equal("Anders Lykke", page.QuerySelector("#titel")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("header a[href='/admin/min-profil']"));
        // Staff cannot publish: no publish buttons, only save and preview.
        Assert.Empty(page.QuerySelectorAll("button[value=udgiv], button[value=afpublicer], button[value=arkiver]"));
        Assert.NotNull(page.QuerySelector("button[value=gem]"));
    }

    [Fact]
    public async Task Staff_get_404_for_other_peoples_items_and_403_for_lists_and_new_items()
    {
        var other = await admin.IdOfAsync(AdminAccess.ProfileType, "ida-krogh");
        var method = await admin.IdOfAsync("Method", "nada");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Staff.GetAsync($"/admin/indhold/kompetenceprofiler/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Staff.GetAsync($"/admin/indhold/kompetenceprofiler/{other}/forhaandsvisning")).StatusCode);
        // An item of another type under the profile section is no way round.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Staff.GetAsync($"/admin/indhold/kompetenceprofiler/{method}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Staff.GetAsync($"/admin/indhold/metoder/{method}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Staff.GetAsync("/admin/indhold/kompetenceprofiler")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Staff.GetAsync("/admin/indhold/kompetenceprofiler/ny")).StatusCode);
        var own = await admin.IdOfAsync(AdminAccess.ProfileType, "anders-lykke");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Staff.GetAsync($"/admin/indhold/kompetenceprofiler/{own}/historik")).StatusCode);
    }

    [Fact]
    public async Task Staff_save_their_own_profile_as_a_draft_and_cannot_publish_it()
    {
        var id = await admin.IdOfAsync(AdminAccess.ProfileType, "anders-lykke");
        var url = AdminPages.EditUrl("kompetenceprofiler", id);
        var before = (await admin.LatestAsync(id))!;

        var (_, form) = await AdminPages.OpenEditorAsync(admin.Staff, url);
        form.Set("felt.askMeAbout", "Unge voksne, rusmidler og hvordan man kommer i gang med en hverdag.");
        var (location, page) = await AdminPages.SubmitExpectingRedirectAsync(admin.Staff, form, "gem");
        Assert.StartsWith(url, location);
        Assert.Contains("En redaktør ser den igennem og udgiver den", page.QuerySelector("[role=status]")!.TextContent);

        var latest = (await admin.LatestAsync(id))!;
        Assert.Equal(before.VersionNumber + 1, latest.VersionNumber);
        Assert.Equal(AdminSite.StaffUser, latest.Author);
        Assert.False(latest.IsPublishedVersion);
        Assert.Equal(ContentStatus.Published, latest.Status);
        // Readers still see the published version.
        var live = await admin.WithStoreAsync(s => s.GetPublishedAsync(AdminAccess.ProfileType, "anders-lykke", Audience.Medarbejder));
        Assert.NotEqual(latest.VersionId, live!.VersionId);

        // Publishing is refused, whatever the form says.
        var (_, again) = await AdminPages.OpenEditorAsync(admin.Staff, url);
        foreach (var action in new[] { "udgiv", "afpublicer", "arkiver" })
        {
            var response = await AdminPages.SubmitAsync(admin.Staff, again, action);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        var after = (await admin.LatestAsync(id))!;
        Assert.Equal(latest.VersionId, after.VersionId);
        Assert.False(after.IsPublishedVersion);
        Assert.Equal(ContentStatus.Published, after.Status);
    }

    [Fact]
    public void A_profile_is_the_users_own_by_its_email_field_or_its_slug()
    {
        ContentItem Profile(string slug, string? email) => new()
        {
            Id = Guid.NewGuid(), VersionId = Guid.NewGuid(), VersionNumber = 1, Type = AdminAccess.ProfileType,
            Title = "Profil", Slug = slug, Author = "test",
            Fields = email is null ? new() : new() { ["email"] = email },
        };

        Assert.True(AdminAccess.OwnsProfile(Profile("anders-lykke", "Anders.Lykke@randers.dk"), "anders", "anders.lykke@randers.dk"));
        Assert.True(AdminAccess.OwnsProfile(Profile("ida-krogh", null), "ida-krogh", null));
        Assert.False(AdminAccess.OwnsProfile(Profile("ida-krogh", "ida.krogh@randers.dk"), "anders", "anders.lykke@randers.dk"));
        // No e-mail on the account matches no profile by e-mail, even one without e-mail.
        Assert.False(AdminAccess.OwnsProfile(Profile("ida-krogh", null), "anders", null));
        Assert.False(AdminAccess.OwnsProfile(Profile("anders", "a@b.dk") with { Type = "Method" }, "anders", "a@b.dk"));
    }

    [Fact]
    public async Task Staff_editing_their_profile_see_only_published_items_they_may_read_in_the_pickers()
    {
        var draftTitle = "Kladdemetode " + Guid.NewGuid().ToString("N")[..8];
        await admin.CreateAsync(new ContentDraft
        {
            Type = "Method", Title = draftTitle, Fields = new() { ["purpose"] = "Ikke udgivet.", ["lastReviewed"] = "2026-05-01" },
        });
        var own = await admin.IdOfAsync(AdminAccess.ProfileType, "anders-lykke");
        var path = $"/admin/indhold/kompetenceprofiler/{own}";

        // An editor's picker offers the draft (the picker lists methods at all) ...
        Assert.Contains(draftTitle, await admin.Editor.GetStringAsync(path), StringComparison.Ordinal);
        // ... the staff member's own profile form does not, nor does it after a filter post.
        var staffPage = await admin.Staff.GetStringAsync(path);
        Assert.DoesNotContain(draftTitle, staffPage, StringComparison.Ordinal);
        Assert.Contains("Motiverende Interview", staffPage, StringComparison.Ordinal);
    }
}
