using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Media.Library;
using Videnscenter.Web.Tests.Harness;
using static Videnscenter.Web.Tests.Sections.SectionPages;

namespace Videnscenter.Web.Tests.Sections;

/// <summary>
/// The links between sections: a method page lists the courses, colleagues, partners and slide decks
/// that refer to it, each page links back, and the reader's audience decides what is shown.
/// </summary>
public sealed class SectionLinkTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private static readonly string NextYear = (DateTime.Now.Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Web(ContentItem Method, ContentItem Course, ContentItem StaffCourse, ContentItem Teacher, ContentItem Knower,
        ContentItem Partner, ContentItem StaffPartner, ContentItem Deck, ContentItem Event, ContentItem StaffEvent);

    private static JsonObject Ref(ContentItem item, string? level = null) =>
        level is null ? new JsonObject { ["id"] = item.Id.ToString() } : new JsonObject { ["id"] = item.Id.ToString(), ["level"] = level };

    /// <summary>A small web of items around one new method, named by a tag so tests do not collide.</summary>
    private async Task<Web> CreateWebAsync(string tag)
    {
        var method = await PublishAsync(site, new ContentDraft
        {
            Type = "Method", Title = $"Ankerpunkt {tag}", Summary = "En testmetode.",
            Fields = new JsonObject { ["purpose"] = "At teste links mellem sektioner.", ["lastReviewed"] = "2026-01-15" },
        });
        var teacher = await PublishAsync(site, new ContentDraft
        {
            Type = "CompetenceProfile", Title = $"Ulla Underviser {tag}",
            Fields = new JsonObject { ["jobTitle"] = "Mestringsvejleder", ["lastConfirmed"] = "2026-03-01", ["methods"] = new JsonArray(Ref(method, "Underviser i metoden")) },
        });
        var knower = await PublishAsync(site, new ContentDraft
        {
            Type = "CompetenceProfile", Title = $"Anders Begynder {tag}",
            Fields = new JsonObject { ["jobTitle"] = "Pædagog", ["lastConfirmed"] = "2026-03-01", ["methods"] = new JsonArray(Ref(method, "Kender metoden")) },
        });
        JsonObject CourseFields() => new()
        {
            ["semester"] = "foraar-2027", ["courseAudience"] = new JsonArray("Borgere"), ["sessions"] = new JsonArray($"{NextYear}-03-01 10:00-12:00"),
            ["place"] = "Psykiatriens Hus", ["places"] = 12, ["teachers"] = new JsonArray(Ref(teacher)), ["methods"] = new JsonArray(Ref(method)),
        };
        var course = await PublishAsync(site, new ContentDraft { Type = "Course", Title = $"Kursus i ankerpunkt {tag}", Fields = CourseFields() });
        var staffCourse = await PublishAsync(site, new ContentDraft { Type = "Course", Title = $"Internt kursus i ankerpunkt {tag}", Audience = Audience.Medarbejder, Fields = CourseFields() });
        JsonObject PartnerFields() => new() { ["partnerType"] = "Forening", ["methods"] = new JsonArray(Ref(method)) };
        var partner = await PublishAsync(site, new ContentDraft { Type = "Partner", Title = $"Foreningen Ankeret {tag}", Fields = PartnerFields() });
        var staffPartner = await PublishAsync(site, new ContentDraft { Type = "Partner", Title = $"Internt netværk {tag}", Audience = Audience.Medarbejder, Fields = PartnerFields() });
        var deck = await PublishAsync(site, new ContentDraft
        {
            Type = "SlideDeck", Title = $"Slides om ankerpunkt {tag}", Audience = Audience.Frivillig,
            Fields = new JsonObject { ["methods"] = new JsonArray(Ref(method)), ["courses"] = new JsonArray(Ref(course)) },
        });
        JsonObject EventFields() => new()
        {
            ["when"] = new JsonArray($"{NextYear}-05-01 10:00-12:00"), ["place"] = "Psykiatriens Hus", ["signUp"] = "Åben for alle",
            ["organiser"] = new JsonArray(Ref(partner)),
        };
        var ev = await PublishAsync(site, new ContentDraft { Type = "Event", Title = $"Ankerdag {tag}", Fields = EventFields() });
        var staffEvent = await PublishAsync(site, new ContentDraft { Type = "Event", Title = $"Internt ankermøde {tag}", Audience = Audience.Medarbejder, Fields = EventFields() });
        return new Web(method, course, staffCourse, teacher, knower, partner, staffPartner, deck, ev, staffEvent);
    }

    private static Dictionary<string, List<string>> RelatedGroups(AngleSharp.Html.Dom.IHtmlDocument document) =>
        document.QuerySelectorAll("section.related .related-group").ToDictionary(
            g => g.QuerySelector("h3")!.FirstChild!.TextContent.Trim(),
            g => g.QuerySelectorAll("li").Select(li => li.TextContent.Trim()).ToList());

    [Fact]
    public async Task Method_page_shows_courses_colleagues_with_level_partners_and_decks_as_the_reader_may_see_them()
    {
        var web = await CreateWebAsync("A");
        var url = $"/metoder/{web.Method.Slug}";

        var anonymous = RelatedGroups(await GetDocumentAsync(site.Anonymous(), url));
        Assert.Equal(["Kurser om metoden", "Samarbejdspartnere, der bruger metoden"], anonymous.Keys);
        Assert.Single(anonymous["Kurser om metoden"], li => li.StartsWith(web.Course.Title));
        Assert.Single(anonymous["Samarbejdspartnere, der bruger metoden"], li => li.StartsWith(web.Partner.Title));
        var anonymousHtml = (await GetDocumentAsync(site.Anonymous(), url)).DocumentElement.OuterHtml;
        foreach (var hidden in new[] { web.StaffCourse, web.Teacher, web.Knower, web.StaffPartner, web.Deck })
            Assert.DoesNotContain(hidden.Title, anonymousHtml);

        var staffDocument = await GetDocumentAsync(await site.SignedInAsync(), url);
        var staff = RelatedGroups(staffDocument);
        Assert.Equal(["Kurser om metoden", "Kolleger, der kan metoden", "Samarbejdspartnere, der bruger metoden", "Slides om metoden"], staff.Keys);
        Assert.Equal(2, staff["Kurser om metoden"].Count);
        // Colleagues with their level, those who teach the method first.
        var colleagues = staff["Kolleger, der kan metoden"];
        Assert.Equal(2, colleagues.Count);
        Assert.StartsWith(web.Teacher.Title, colleagues[0]);
        Assert.Contains("Underviser i metoden", colleagues[0]);
        Assert.StartsWith(web.Knower.Title, colleagues[1]);
        Assert.Contains("Kender metoden", colleagues[1]);
        Assert.Equal(2, staff["Samarbejdspartnere, der bruger metoden"].Count);
        Assert.Single(staff["Slides om metoden"], li => li.StartsWith(web.Deck.Title));
        Assert.NotNull(staffDocument.QuerySelector($"section.related a[href='/slides/{web.Deck.Slug}']"));
        Assert.NotNull(staffDocument.QuerySelector($"section.related a[href='/kompetenceprofiler/{web.Teacher.Slug}']"));
    }

    [Fact]
    public async Task Course_profile_partner_and_deck_pages_link_back_to_the_method()
    {
        var web = await CreateWebAsync("B");
        var client = await site.SignedInAsync();
        var methodLink = $"a[href='/metoder/{web.Method.Slug}']";
        foreach (var path in new[] { $"/kurser/{web.Course.Slug}", $"/kompetenceprofiler/{web.Teacher.Slug}", $"/samarbejdspartnere/{web.Partner.Slug}", $"/slides/{web.Deck.Slug}" })
            Assert.True((await GetDocumentAsync(client, path)).QuerySelector($"main {methodLink}") is not null, $"{path} linker ikke til metoden.");

        // The profile shows the level next to the method, and the courses the person teaches.
        var profile = await GetDocumentAsync(client, $"/kompetenceprofiler/{web.Teacher.Slug}");
        Assert.Contains("Underviser i metoden", profile.QuerySelector($"main {methodLink}")!.ParentElement!.TextContent);
        var taught = RelatedGroups(profile)["Underviser på kurserne"];
        Assert.Equal(2, taught.Count);
    }

    [Fact]
    public async Task Partner_page_shows_methods_and_the_events_they_organise_as_the_reader_may_see_them()
    {
        var web = await CreateWebAsync("C");
        var url = $"/samarbejdspartnere/{web.Partner.Slug}";
        var anonymous = await GetDocumentAsync(site.Anonymous(), url);
        Assert.Single(RelatedGroups(anonymous)["Begivenheder, de arrangerer"], li => li.StartsWith(web.Event.Title));
        Assert.DoesNotContain(web.StaffEvent.Title, anonymous.DocumentElement.OuterHtml);
        Assert.NotNull(anonymous.QuerySelector($"main a[href='/metoder/{web.Method.Slug}']"));

        var staff = await GetDocumentAsync(await site.SignedInAsync(), url);
        Assert.Equal(2, RelatedGroups(staff)["Begivenheder, de arrangerer"].Count);

        // A partner the reader may not see is a 404, is not listed, and is not counted in the filters.
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous().GetAsync($"/samarbejdspartnere/{web.StaffPartner.Slug}")).StatusCode);
        var list = await GetDocumentAsync(site.Anonymous(), "/samarbejdspartnere?type=Forening");
        Assert.Contains(web.Partner.Title, CardTitles(list));
        Assert.DoesNotContain(web.StaffPartner.Title, list.DocumentElement.OuterHtml);
        var publicAssociations = (await PublishedAsync(site, "Partner", Audience.Offentlig)).Count(p => p.Values("partnerType").Contains("Forening"));
        Assert.Equal(publicAssociations, Options(list, "type")["Forening"]);
        Assert.Contains(web.StaffPartner.Title, CardTitles(await GetDocumentAsync(await site.SignedInAsync(), "/samarbejdspartnere?type=Forening")));
    }

    [Fact]
    public async Task Photo_and_lived_experience_show_only_while_consent_is_recorded()
    {
        const string story = "Jeg har selv været indlagt, og det bruger jeg i mit arbejde som peer.";
        // A photo is shown only when the library has it (never a broken image), so it goes in first.
        var upload = await site.Services.GetRequiredService<MediaLibrary>().UploadAsync(
            new MediaUpload("pia-peer.png", new MemoryStream(Media.MediaSite.Png), Media.MediaSite.Png.Length, "Pia Peer"), "test");
        Assert.True(upload.Succeeded, string.Join("; ", upload.Errors));
        var photoName = upload.File!.Name;
        var profile = await PublishAsync(site, new ContentDraft
        {
            Type = "CompetenceProfile", Title = "Pia Peer Samtykke",
            Fields = new JsonObject
            {
                ["jobTitle"] = "Peer-medarbejder", ["peer"] = true, ["lastConfirmed"] = "2026-04-01", ["consentDate"] = "2026-04-01",
                ["photo"] = photoName, ["livedExperience"] = story, ["phone"] = "89 15 00 00", ["email"] = "pia.peer@randers.dk",
            },
        });
        var client = await site.SignedInAsync();
        var url = $"/kompetenceprofiler/{profile.Slug}";

        var before = await GetDocumentAsync(client, url);
        var photo = before.QuerySelector("main img.profile-photo");
        Assert.NotNull(photo);
        Assert.StartsWith($"/medier/{photoName}", photo.GetAttribute("src"));
        Assert.False(string.IsNullOrWhiteSpace(photo.GetAttribute("alt")));
        Assert.Contains(story, before.QuerySelector("main")!.TextContent);
        Assert.NotNull(before.QuerySelector("main a[href='tel:89150000']"));
        Assert.NotNull(before.QuerySelector("main a[href='mailto:pia.peer@randers.dk']"));

        // Withdrawing consent: an editor clears the date and publishes.
        var latest = await site.WithStoreAsync(s => s.GetLatestAsync(profile.Id));
        var draft = ContentDraft.From(latest!);
        draft.Fields.Remove("consentDate");
        var saved = await site.WithStoreAsync(s => s.SaveAsync(profile.Id, latest!.VersionId, draft, "redaktør"));
        Assert.True(saved.Succeeded);
        await site.WithStoreAsync(s => s.PublishAsync(profile.Id));

        var after = (await GetDocumentAsync(client, url)).DocumentElement.OuterHtml;
        Assert.DoesNotContain(photoName, after);
        Assert.DoesNotContain(story, after);
        Assert.DoesNotContain("Min egen erfaring", after);
        Assert.Contains("Peer-medarbejder", after);
    }
}
