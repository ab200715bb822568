using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Recoveryskolen;

/// <summary>Test courses made through the content store, and the sign-up form filled in as a browser would.</summary>
public static class Courses
{
    /// <summary>
    /// Publishes a course with sessions starting <paramref name="daysFromNow"/> days from now (Danish
    /// local time), so it is open for sign-up whenever the tests run.
    /// </summary>
    public static Task<ContentItem> CreateAsync(SiteFactory site, int places, int daysFromNow = 20, int sessions = 3,
        Audience audience = Audience.Offentlig, string? title = null) =>
        CreateAsync(site.Services, places, daysFromNow, sessions, audience, title);

    /// <summary>The same on any running site's services.</summary>
    public static async Task<ContentItem> CreateAsync(IServiceProvider services, int places, int daysFromNow = 20, int sessions = 3,
        Audience audience = Audience.Offentlig, string? title = null)
    {
        title ??= "Testkursus " + Guid.NewGuid().ToString("N")[..8];
        var start = Danish.ToLocal(DateTime.UtcNow).Date.AddDays(daysFromNow);
        var ranges = new JsonArray();
        for (var i = 0; i < sessions; i++)
            ranges.Add(start.AddDays(7 * i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 17:00-19:00");
        var draft = new ContentDraft
        {
            Type = "Course",
            Title = title,
            Summary = "Et kursus til testene.",
            Body = "Vi øver os i at **tilmelde** og afmelde.",
            Audience = audience,
            Fields = new JsonObject
            {
                ["semester"] = "foraar-2027",
                ["courseAudience"] = new JsonArray("Borgere", "Pårørende"),
                ["sessions"] = ranges,
                ["place"] = "Psykiatriens Hus, lokale 2",
                ["places"] = places,
            },
        };
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ContentStore>();
        var created = await store.CreateAsync(draft, "redaktør");
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        return await store.PublishAsync(created.Item!.Id);
    }

    /// <summary>Posts the course page's own form (with its antiforgery token) as a browser would.</summary>
    public static Task<HttpResponseMessage> SignUpAsync(HttpClient client, string slug, string name, string? email = null, string? phone = null) =>
        SignUpAtAsync(client, $"/kurser/{slug}", name, email, phone);

    /// <summary>Posts the sign-up form of the page at <paramref name="path"/> (a course or an event that takes sign-ups).</summary>
    public static async Task<HttpResponseMessage> SignUpAtAsync(HttpClient client, string path, string name, string? email = null, string? phone = null)
    {
        var page = await client.GetStringAsync(path);
        var form = SiteFactory.Parse(page).QuerySelector("form.sign-up-form")
                   ?? throw new InvalidOperationException($"{path} har ingen tilmeldingsformular.");
        return await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = name,
            ["Form.Email"] = email ?? "",
            ["Form.Phone"] = phone ?? "",
            ["__RequestVerificationToken"] = SiteFactory.AntiforgeryToken(page),
        }));
    }

    /// <summary>
    /// Signs up and returns the secret link (its path) from the receipt that answers the sign-up.
    /// Without an e-mail, one of its own: the same e-mail twice on a course is the same person, who
    /// gets no second seat.
    /// </summary>
    public static async Task<string> SignUpForLinkAsync(HttpClient client, string slug, string name, string? email = null)
    {
        var response = await SignUpAsync(client, slug, name, email ?? $"deltager-{Guid.NewGuid():N}@eksempel.dk");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return LinkOnReceipt(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The path of the personal link on a receipt page.</summary>
    public static string LinkOnReceipt(string html)
    {
        var href = SiteFactory.Parse(html).QuerySelector(".personal-link a")?.GetAttribute("href")
                   ?? throw new InvalidOperationException("Svaret er ingen kvittering med et personligt link.");
        var path = new Uri(href).AbsolutePath;
        Assert.Matches(new Regex("^/kurser/min-tilmelding/[A-Za-z0-9_-]{43}$"), path);
        return path;
    }

    public static string Token(string link) => link[(link.LastIndexOf('/') + 1)..];

    /// <summary>The h1 of a page, trimmed.</summary>
    public static async Task<string> HeadingAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return SiteFactory.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("main h1")!.TextContent.Trim();
    }
}
