using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Tests.Editing;
using Videnscenter.Web.Tests.Harness;
using Videnscenter.Web.Tests.Recoveryskolen;

namespace Videnscenter.Web.Tests.Caching;

/// <summary>
/// Pages kept once per level with each answer's own parts filled in: course pages (a token per
/// reader, the places as they are now) and the pages of signed-in staff and volunteers (their own
/// name and token, never a colleague's).
/// </summary>
public sealed class PersonalPartsTests(AdminSite admin) : IClassFixture<AdminSite>
{
    private const string InternalTitle = "Fælles team for psykisk sårbarhed og rusmidler";

    private SiteFactory Site => admin.Site;

    /// <summary>The output cache puts an Age header on what it answers from its store.</summary>
    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    private static async Task<string> TextAsync(HttpResponseMessage response) =>
        SiteFactory.Parse(await response.Content.ReadAsStringAsync()).Body!.TextContent;

    private static string Places(string html) =>
        SiteFactory.Parse(html).QuerySelector(".practical .places")?.TextContent.Trim() ?? throw new InvalidOperationException("Ingen pladser på siden.");

    [Fact]
    public async Task A_cached_course_page_shows_the_places_left_at_once_after_a_sign_up()
    {
        var course = await Courses.CreateAsync(Site, places: 5);
        var path = $"/kurser/{course.Slug}";
        var reader = Site.Anonymous();
        await reader.GetAsync(path);
        await reader.GetAsync(path);
        var cached = await reader.GetAsync(path);
        Assert.True(FromCache(cached));
        Assert.Equal("5 ledige pladser", Places(await cached.Content.ReadAsStringAsync()));

        await Courses.SignUpForLinkAsync(Site.Anonymous(), course.Slug, "Første Deltager");
        var after = await reader.GetAsync(path);
        Assert.Equal("4 ledige pladser", Places(await after.Content.ReadAsStringAsync()));

        // And that page is kept in its turn, still with the right number.
        await reader.GetAsync(path);
        var again = await reader.GetAsync(path);
        Assert.True(FromCache(again));
        Assert.Equal("4 ledige pladser", Places(await again.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_event_that_takes_sign_ups_is_cached_with_its_places_and_a_token_of_its_own()
    {
        const string path = "/begivenheder/dialogforum-februar-2027"; // seeded with «Kræver tilmelding» and 40 places
        var reader = Site.Anonymous();
        await reader.GetAsync(path);
        await reader.GetAsync(path);
        var cached = await reader.GetAsync(path);
        Assert.True(FromCache(cached));
        var html = await cached.Content.ReadAsStringAsync();
        Assert.NotEmpty(SiteFactory.AntiforgeryToken(html));
        var before = Places(html);

        Assert.Equal(HttpStatusCode.OK, (await Courses.SignUpAtAsync(Site.Anonymous(), path, "Begivenhedsgæst", $"gaest-{Guid.NewGuid():N}@eksempel.dk")).StatusCode);
        var after = Places(await reader.GetStringAsync(path));
        Assert.Equal(PlacesLeft(before) - 1, PlacesLeft(after));
    }

    private static int PlacesLeft(string text) => int.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Two_readers_of_a_cached_course_page_get_their_own_valid_tokens_and_both_sign_up()
    {
        var course = await Courses.CreateAsync(Site, places: 5);
        var path = $"/kurser/{course.Slug}";
        await Site.Anonymous().GetAsync(path);
        await Site.Anonymous().GetAsync(path);
        var first = CookieClient();
        var second = CookieClient();
        var firstPage = await first.GetAsync(path);
        var secondPage = await second.GetAsync(path);
        Assert.True(FromCache(firstPage));
        Assert.True(FromCache(secondPage));
        var firstToken = SiteFactory.AntiforgeryToken(await firstPage.Content.ReadAsStringAsync());
        var secondToken = SiteFactory.AntiforgeryToken(await secondPage.Content.ReadAsStringAsync());
        Assert.NotEqual(firstToken, secondToken);
        // The token's cookie comes with the cached page, and the answer is still no-store (the antiforgery rule).
        Assert.Contains(firstPage.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.True(firstPage.Headers.CacheControl?.NoStore);

        // A reader's token is theirs: another's is refused.
        var stolen = await PostSignUpAsync(second, course.Slug, firstToken, "Tyv");
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await PostSignUpAsync(second, course.Slug, secondToken, "Anden Besøgende")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostSignUpAsync(first, course.Slug, firstToken, "Første Besøgende")).StatusCode);
        Assert.Equal("3 ledige pladser", Places(await Site.Anonymous().GetStringAsync(path)));
    }

    [Fact]
    public async Task A_course_page_ETag_changes_when_the_places_change()
    {
        var course = await Courses.CreateAsync(Site, places: 5);
        var path = $"/kurser/{course.Slug}";
        var reader = Site.Anonymous();
        // The first answer names no ETag: the page was not yet known to show places, so no ETag could name them.
        Assert.Null((await reader.GetAsync(path)).Headers.ETag);
        var before = (await reader.GetAsync(path)).Headers.ETag;
        Assert.NotNull(before);
        Assert.Equal(before, (await reader.GetAsync(path)).Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, (await ConditionalAsync(reader, path, before)).StatusCode);

        await Courses.SignUpForLinkAsync(Site.Anonymous(), course.Slug, "Tredje Deltager");
        var changed = await ConditionalAsync(reader, path, before);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(before, changed.Headers.ETag);
        Assert.Equal("4 ledige pladser", Places(await changed.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotModified, (await ConditionalAsync(reader, path, changed.Headers.ETag!)).StatusCode);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task A_cached_course_page_is_compressed_with_its_token_filled_in(string encoding)
    {
        var course = await Courses.CreateAsync(Site, places: 5);
        var path = $"/kurser/{course.Slug}";
        await Site.Anonymous().GetAsync(path);
        await Site.Anonymous().GetAsync(path);
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        var response = await Site.Anonymous().SendAsync(request);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        await using var compressed = await response.Content.ReadAsStreamAsync();
        await using Stream plain = encoding == "br" ? new BrotliStream(compressed, CompressionMode.Decompress) : new GZipStream(compressed, CompressionMode.Decompress);
        var html = await new StreamReader(plain).ReadToEndAsync();
        Assert.NotEmpty(SiteFactory.AntiforgeryToken(html));
        Assert.DoesNotContain("<!--vc-part-", html);
        Assert.Equal("5 ledige pladser", Places(html));
    }

    [Fact]
    public async Task A_page_cached_for_staff_never_reaches_an_anonymous_reader_or_a_volunteer()
    {
        var path = "/metoder?staff=" + Guid.NewGuid().ToString("N");
        await admin.Staff.GetAsync(path);
        var staffPage = await admin.Staff.GetAsync(path);
        Assert.True(FromCache(staffPage));
        Assert.Contains(InternalTitle, await TextAsync(staffPage));

        foreach (var reader in new[] { admin.Volunteer, Site.Anonymous() })
        {
            var response = await reader.GetAsync(path);
            Assert.False(FromCache(response));
            var text = await TextAsync(response);
            Assert.DoesNotContain(InternalTitle, text);
            Assert.DoesNotContain("Min kompetenceprofil", text);
            Assert.NotEqual(AdminSite.StaffUser, SiteFactory.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".account-name")?.ChildNodes[0].TextContent);
        }
        // The volunteer's own copy is kept for volunteers.
        Assert.True(FromCache(await admin.Volunteer.GetAsync(path)));
    }

    [Fact]
    public async Task A_signed_in_reader_never_sees_another_readers_name_or_token()
    {
        var colleague = await SignedInStaffAsync("bente.colleague");
        var course = await Courses.CreateAsync(Site, places: 5);
        var path = $"/kurser/{course.Slug}";
        var theirs = await admin.Staff.GetAsync(path);
        await admin.Staff.GetAsync(path);
        var mine = await colleague.GetAsync(path);
        Assert.True(FromCache(mine));
        Assert.True(mine.Headers.CacheControl is { Private: true, NoStore: true });

        var theirPage = await theirs.Content.ReadAsStringAsync();
        var myPage = await mine.Content.ReadAsStringAsync();
        Assert.Equal(AdminSite.StaffUser, AccountName(theirPage));
        Assert.Equal("bente.colleague", AccountName(myPage));
        Assert.DoesNotContain(">" + AdminSite.StaffUser + "<", myPage);
        var myToken = SiteFactory.AntiforgeryToken(myPage);
        Assert.NotEqual(SiteFactory.AntiforgeryToken(theirPage), myToken);
        // Both forms of the page (log-out, sign-up) carry this reader's token, and it is valid for them.
        Assert.All(SiteFactory.Parse(myPage).QuerySelectorAll("input[name=__RequestVerificationToken]"), i => Assert.Equal(myToken, i.GetAttribute("value")));
        Assert.Equal(HttpStatusCode.OK, (await PostSignUpAsync(colleague, course.Slug, myToken, "Bente Kollega")).StatusCode);
    }

    [Fact]
    public async Task Editors_and_a_staff_members_own_profile_are_rendered_for_them_alone()
    {
        const string ownProfile = "/kompetenceprofiler/anders-lykke";
        await admin.Staff.GetAsync(ownProfile);
        var profile = await admin.Staff.GetAsync(ownProfile);
        Assert.False(FromCache(profile));
        Assert.Contains("Rediger", await TextAsync(profile));

        await admin.Editor.GetAsync("/metoder");
        var editor = await admin.Editor.GetAsync("/metoder");
        Assert.False(FromCache(editor));
        Assert.Contains("Administration", await TextAsync(editor));
    }

    private static string AccountName(string html) =>
        SiteFactory.Parse(html).QuerySelector(".account-name")!.ChildNodes[0].TextContent;

    private HttpClient CookieClient() =>
        Site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static Task<HttpResponseMessage> PostSignUpAsync(HttpClient client, string slug, string token, string name) =>
        client.PostAsync($"/kurser/{slug}/tilmeld", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = name,
            ["Form.Email"] = $"deltager-{Guid.NewGuid():N}@eksempel.dk",
            ["Form.Phone"] = "",
            ["__RequestVerificationToken"] = token,
        }));

    private static Task<HttpResponseMessage> ConditionalAsync(HttpClient client, string path, EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        return client.SendAsync(request);
    }

    private async Task<HttpClient> SignedInStaffAsync(string userName)
    {
        await using (var scope = Site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            if (await users.FindByNameAsync(userName) is null)
            {
                var user = new IdentityUser(userName);
                Assert.True((await users.CreateAsync(user, AdminSite.Password)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, Roles.Staff)).Succeeded);
            }
        }
        return await Site.SignedInAsync(userName, AdminSite.Password);
    }
}
