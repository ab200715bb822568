using System.Net;
using System.Net.Http.Headers;
using Videnscenter.Content.Items;
using Videnscenter.Web.Tests.Harness;
using Videnscenter.Web.Tests.Recoveryskolen;

namespace Videnscenter.Web.Tests.Caching;

/// <summary>The page cache's rules: what is kept, for whom, and that a change shows at once.</summary>
public sealed class PageCacheTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private const string InternalMethod = "/metoder/faelles-team-for-psykisk-saarbarhed-og-rusmidler-intern-arbejdsgang";
    private const string InternalTitle = "Fælles team for psykisk sårbarhed og rusmidler";

    /// <summary>The output cache puts an Age header on what it answers from its store.</summary>
    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    /// <summary>What a reader reads: the page's text, entities decoded.</summary>
    private static async Task<string> TextAsync(HttpResponseMessage response) =>
        SiteFactory.Parse(await response.Content.ReadAsStringAsync()).Body!.TextContent;

    [Fact]
    public async Task A_public_page_is_answered_from_the_cache_the_second_time()
    {
        var client = site.Anonymous();
        var path = "/metoder?cache=" + Guid.NewGuid().ToString("N");
        var first = await client.GetAsync(path);
        var second = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(FromCache(first));
        Assert.True(FromCache(second));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_page_cached_for_staff_never_reaches_an_anonymous_reader()
    {
        var staff = await site.SignedInAsync();
        var path = "/metoder?staff=" + Guid.NewGuid().ToString("N");
        var staffPage = await TextAsync(await staff.GetAsync(path));
        Assert.Contains(InternalTitle, staffPage);
        Assert.Contains("Log ud", staffPage);
        Assert.Contains(InternalTitle, await TextAsync(await staff.GetAsync(path)));

        var anonymous = site.Anonymous();
        var first = await anonymous.GetAsync(path);
        var page = await TextAsync(first);
        Assert.DoesNotContain(InternalTitle, page);
        Assert.DoesNotContain("Log ud", page);
        Assert.DoesNotContain("Administration", page);
        Assert.False(FromCache(first));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(InternalMethod)).StatusCode);

        // And the other way: the anonymous copy now cached is not what staff get.
        Assert.True(FromCache(await anonymous.GetAsync(path)));
        var again = await staff.GetAsync(path);
        Assert.False(FromCache(again));
        Assert.Contains(InternalTitle, await TextAsync(again));
    }

    [Fact]
    public async Task A_publish_unpublish_and_archive_show_at_once_on_cached_pages()
    {
        var client = site.Anonymous();
        var title = "Cachetest " + Guid.NewGuid().ToString("N")[..8];
        var draft = new ContentDraft { Type = "Page", Title = title, Summary = "Et resumé til testen.", Body = "Første udgave." };
        var created = await site.WithStoreAsync(s => s.CreateAsync(draft, "redaktør"));
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        var id = created.Item!.Id;
        var page = $"/sider/{created.Item.Slug}";

        // Both pages cached before the publish.
        await client.GetAsync("/sider");
        await client.GetAsync("/");
        Assert.True(FromCache(await client.GetAsync("/sider")));
        Assert.True(FromCache(await client.GetAsync("/")));
        Assert.DoesNotContain(title, await client.GetStringAsync("/sider"));

        await site.WithStoreAsync(s => s.PublishAsync(id));
        Assert.Contains(title, await client.GetStringAsync("/sider"));
        Assert.Contains("Første udgave.", await client.GetStringAsync(page));
        Assert.True(FromCache(await client.GetAsync(page)));

        var saved = await site.WithStoreAsync(s => s.SaveAsync(id, created.Item.VersionId, draft with { Body = "Anden udgave." }, "redaktør"));
        Assert.True(saved.Succeeded);
        Assert.Contains("Første udgave.", await client.GetStringAsync(page)); // a draft shows nowhere
        await site.WithStoreAsync(s => s.PublishAsync(id));
        Assert.Contains("Anden udgave.", await client.GetStringAsync(page));

        await site.WithStoreAsync(async s => { await s.UnpublishAsync(id); return 0; });
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(page)).StatusCode);
        Assert.DoesNotContain(title, await client.GetStringAsync("/sider"));

        await site.WithStoreAsync(s => s.PublishAsync(id));
        Assert.Contains(title, await client.GetStringAsync("/sider"));
        await site.WithStoreAsync(async s => { await s.ArchiveAsync(id); return 0; });
        Assert.DoesNotContain(title, await client.GetStringAsync("/sider"));
    }

    [Fact]
    public async Task A_page_answers_304_while_unchanged_and_200_after_a_publish()
    {
        var client = site.Anonymous();
        var first = await client.GetAsync("/samarbejdspartnere");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(etag.IsWeak);
        Assert.NotNull(first.Content.Headers.LastModified);

        var again = new HttpRequestMessage(HttpMethod.Get, "/samarbejdspartnere");
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);

        var since = new HttpRequestMessage(HttpMethod.Get, "/samarbejdspartnere");
        since.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(since)).StatusCode);

        var draft = new ContentDraft { Type = "Page", Title = "Etag-test " + Guid.NewGuid().ToString("N")[..6], Body = "Tekst." };
        var created = await site.WithStoreAsync(s => s.CreateAsync(draft, "redaktør"));
        await site.WithStoreAsync(s => s.PublishAsync(created.Item!.Id));
        var afterPublish = new HttpRequestMessage(HttpMethod.Get, "/samarbejdspartnere");
        afterPublish.Headers.IfNoneMatch.Add(etag);
        var changed = await client.SendAsync(afterPublish);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Signed_in_pages_carry_no_shared_validators_and_are_private()
    {
        var staff = await site.SignedInAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/metoder");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        var response = await staff.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.True(response.Headers.CacheControl?.Private);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task A_page_with_a_lasting_secret_is_not_compressed()
    {
        // A receipt holds the personal link beside the header's search box echoing q (BREACH): sent as it is.
        var course = await Courses.CreateAsync(site, places: 3);
        var link = await Courses.SignUpForLinkAsync(site.Anonymous(), course.Slug, "Kvittering Læser");
        var request = new HttpRequestMessage(HttpMethod.Get, link + "?q=kurser");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        var response = await (await site.SignedInAsync()).SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Theory]
    [InlineData("/", "br")]
    [InlineData("/metoder", "gzip")]
    [InlineData("/api/search?q=recovery", "br")]
    [InlineData("/begivenheder.ics", "gzip")]
    public async Task Public_text_answers_are_compressed_when_the_reader_asks(string path, string encoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        var response = await site.Anonymous().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
    }

    [Fact]
    public async Task A_published_item_is_found_at_once_although_the_same_search_was_just_answered()
    {
        var client = site.Anonymous();
        var word = "zorbaklang" + Guid.NewGuid().ToString("N")[..4];
        Assert.Contains("\"total\":0", await client.GetStringAsync($"/api/search?q={word}"));
        var draft = new ContentDraft { Type = "Page", Title = "Søgecache", Body = $"Et ord: {word}." };
        var created = await site.WithStoreAsync(s => s.CreateAsync(draft, "redaktør"));
        await site.WithStoreAsync(s => s.PublishAsync(created.Item!.Id));
        Assert.Contains("\"total\":1", await client.GetStringAsync($"/api/search?q={word}"));
    }
}
