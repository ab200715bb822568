using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Search;

/// <summary>
/// Colleagues are found by the methods they master: a competence profile's methods (with their level)
/// are part of what the search indexes, the ones they teach weighted highest. Profiles are for staff
/// only, so anonymous readers find none of them. The seed's profiles name "motiverende-interview" as
/// "Underviser i metoden" (birgitte-vestergaard, camilla-frost) or "Arbejder med metoden" (others).
/// </summary>
public sealed class ProfileSearchTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private const string StaffPassword = "Test-Medarbejder-2026-Adgang";

    private static readonly string[] Teachers = ["/kompetenceprofiler/birgitte-vestergaard", "/kompetenceprofiler/camilla-frost"];

    private static readonly string[] Practitioners =
        ["/kompetenceprofiler/mette-kjaergaard", "/kompetenceprofiler/louise-kragh", "/kompetenceprofiler/thomas-brandt"];

    /// <summary>The hit URLs of the first pages of an API search, in rank order.</summary>
    private static async Task<List<string>> RankedUrlsAsync(HttpClient client, string query, int pages = 3)
    {
        var urls = new List<string>();
        for (var page = 1; page <= pages; page++)
        {
            var response = await client.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}&page={page}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var hits = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["hits"]!.AsArray();
            urls.AddRange(hits.Select(h => h!["url"]!.GetValue<string>()));
        }
        return urls;
    }

    private async Task<HttpClient> StaffAsync(string userName)
    {
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = new IdentityUser(userName) { Email = $"{userName}@randers.dk", EmailConfirmed = true };
            var created = await users.CreateAsync(user, StaffPassword);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
            Assert.True((await users.AddToRoleAsync(user, Roles.Staff)).Succeeded);
        }
        return await site.SignedInAsync(userName, StaffPassword);
    }

    [Fact]
    public async Task Staff_find_the_colleagues_who_master_a_method_teachers_first_and_anonymous_readers_none()
    {
        var staff = await StaffAsync("medarbejder-mi");
        var ranked = await RankedUrlsAsync(staff, "motiverende interview");

        foreach (var url in Teachers.Concat(Practitioners)) Assert.Contains(url, ranked);
        var firstTeacher = Teachers.Min(ranked.IndexOf);
        var firstPractitioner = Practitioners.Min(ranked.IndexOf);
        Assert.True(firstTeacher < firstPractitioner,
            $"en underviser i metoden (plads {firstTeacher + 1}) skulle stå før den første, der arbejder med den (plads {firstPractitioner + 1})");

        var anonymous = await RankedUrlsAsync(site.Anonymous(), "motiverende interview");
        Assert.Contains("/metoder/motiverende-interview", anonymous);
        Assert.DoesNotContain(anonymous, url => url.StartsWith("/kompetenceprofiler/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_renamed_method_finds_its_colleagues_by_the_new_name()
    {
        var method = await site.WithStoreAsync(s => s.CreateAsync(new ContentDraft
        {
            Type = "Method",
            Title = "Zebrasamtalen",
            Summary = "En samtaleform til prøve.",
            Audience = Audience.Offentlig,
            Fields = new JsonObject { ["purpose"] = "At prøve søgningen.", ["lastReviewed"] = "2026-12-01" },
        }, "redaktør"));
        Assert.Empty(method.Errors);
        var methodItem = method.Item!;
        await site.WithStoreAsync(s => s.PublishAsync(methodItem.Id));

        var profile = await site.WithStoreAsync(s => s.CreateAsync(new ContentDraft
        {
            Type = "CompetenceProfile",
            Title = "Gertrud Prøvesen",
            Summary = "Medarbejder til prøve.",
            Fields = new JsonObject
            {
                ["jobTitle"] = "Pædagog",
                ["lastConfirmed"] = "2026-12-01",
                ["methods"] = new JsonArray(new JsonObject { ["id"] = methodItem.Id.ToString(), ["level"] = "Underviser i metoden" }),
            },
        }, "redaktør"));
        Assert.Empty(profile.Errors);
        await site.WithStoreAsync(s => s.PublishAsync(profile.Item!.Id));

        var profileUrl = $"/kompetenceprofiler/{profile.Item!.Slug}";
        var staff = await StaffAsync("medarbejder-zebra");
        Assert.Contains(profileUrl, await RankedUrlsAsync(staff, "zebrasamtalen", 1));

        // Renaming the method re-indexes the profile that names it: the new name finds the colleague.
        var renamed = await site.WithStoreAsync(s => s.SaveAsync(methodItem.Id, methodItem.VersionId,
            ContentDraft.From(methodItem) with { Title = "Giraffsamtalen" }, "redaktør"));
        Assert.Empty(renamed.Errors);
        await site.WithStoreAsync(s => s.PublishAsync(methodItem.Id));
        Assert.Contains(profileUrl, await RankedUrlsAsync(staff, "giraffsamtalen", 1));
        Assert.DoesNotContain(profileUrl, await RankedUrlsAsync(staff, "zebrasamtalen", 1));
    }

    [Fact]
    public async Task A_profile_marked_as_peer_worker_is_found_as_one_though_its_text_does_not_say_so()
    {
        async Task<string> PublishProfileAsync(string title, bool peer)
        {
            var saved = await site.WithStoreAsync(s => s.CreateAsync(new ContentDraft
            {
                Type = "CompetenceProfile",
                Title = title,
                Summary = "Kollega til prøve.",
                Fields = new JsonObject { ["jobTitle"] = "Pædagog", ["lastConfirmed"] = "2026-12-01", ["peer"] = peer },
            }, "redaktør"));
            Assert.Empty(saved.Errors);
            await site.WithStoreAsync(s => s.PublishAsync(saved.Item!.Id));
            return $"/kompetenceprofiler/{saved.Item!.Slug}";
        }

        var peerWorker = await PublishProfileAsync("Ingolf Peersen", peer: true);
        var colleague = await PublishProfileAsync("Ingolf Andersen", peer: false);

        var staff = await StaffAsync("medarbejder-peer");
        var found = await RankedUrlsAsync(staff, "ingolf peer-medarbejder", 1);
        Assert.Contains(peerWorker, found);
        Assert.DoesNotContain(colleague, found);
    }
}
