using Videnscenter.Content;
using Videnscenter.Content.Items;
using Videnscenter.Web.Tests.Harness;
using static Videnscenter.Web.Tests.Sections.SectionPages;

namespace Videnscenter.Web.Tests.Sections;

/// <summary>The section lists and their filters, on the seed content (nothing here changes content).</summary>
public sealed class SectionListTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    public static TheoryData<string, string> MethodFilters => new()
    {
        { "tema", "themes" },
        { "maalgruppe", "targetGroups" },
        { "princip", "principles" },
        { "afdeling", "" },
    };

    private static IReadOnlyList<string> ValuesOf(ContentItem item, string field) =>
        field.Length == 0 ? item.Departments : item.Values(field);

    [Theory]
    [MemberData(nameof(MethodFilters))]
    public async Task Each_method_filter_option_lists_exactly_the_methods_with_that_value(string parameter, string field)
    {
        var client = site.Anonymous();
        var methods = await PublishedAsync(site, "Method", Audience.Offentlig);
        var options = Options(await GetDocumentAsync(client, "/metoder"), parameter);
        Assert.NotEmpty(options);
        var narrowed = false;
        foreach (var (value, count) in options)
        {
            var document = await GetDocumentAsync(client, $"/metoder?{parameter}={Uri.EscapeDataString(value)}");
            var expected = methods.Where(m => ValuesOf(m, field).Contains(value)).ToList();
            SameTitles(expected, CardTitles(document), $"/metoder?{parameter}={value}");
            Assert.Equal(expected.Count, count);
            Assert.Equal(expected.Count, AnnouncedCount(document));
            narrowed |= expected.Count < methods.Count;
        }
        Assert.True(narrowed, $"Ingen værdi af «{parameter}» indsnævrer listen.");
    }

    [Fact]
    public async Task Method_filters_combine_and_unknown_values_are_ignored()
    {
        var client = site.Anonymous();
        var methods = await PublishedAsync(site, "Method", Audience.Offentlig);
        var both = await CardTitlesAsync(client, "/metoder?tema=rusmidler&maalgruppe=unge-18-30");
        SameTitles(methods.Where(m => m.Values("themes").Contains("rusmidler") && m.Values("targetGroups").Contains("unge-18-30")), both,
            "tema og målgruppe sammen");
        Assert.NotEmpty(both);

        var unknown = await CardTitlesAsync(client, "/metoder?tema=findes-ikke");
        Assert.Equal(methods.Count, unknown.Count);
    }

    [Fact]
    public async Task Method_cards_show_summary_and_themes()
    {
        var document = await GetDocumentAsync(site.Anonymous(), "/metoder");
        var mi = document.QuerySelectorAll("main ul.card-grid > li").Single(li => li.QuerySelector("h2")!.TextContent.Trim() == "Motiverende Interview");
        Assert.Contains("samtalemetode", mi.TextContent);
        var chips = mi.QuerySelectorAll(".chips li").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains("Motivation og samtale", chips);
        Assert.Contains("Rusmidler", chips);
    }

    [Fact]
    public async Task Anonymous_readers_never_see_staff_only_methods_in_the_list_or_the_filter_counts()
    {
        var staffOnly = (await PublishedAsync(site, "Method", Audience.Medarbejder)).Where(m => m.Audience > Audience.Offentlig).ToList();
        Assert.NotEmpty(staffOnly);
        var publicMethods = await PublishedAsync(site, "Method", Audience.Offentlig);

        var anonymous = site.Anonymous();
        var document = await GetDocumentAsync(anonymous, "/metoder");
        foreach (var m in staffOnly) Assert.DoesNotContain(m.Title, document.DocumentElement.OuterHtml);
        foreach (var (department, count) in Options(document, "afdeling"))
            Assert.Equal(publicMethods.Count(m => m.Departments.Contains(department)), count);
        foreach (var department in staffOnly.SelectMany(m => m.Departments).Distinct())
            Assert.DoesNotContain(staffOnly[0].Title, (await GetDocumentAsync(anonymous, $"/metoder?afdeling={department}")).DocumentElement.OuterHtml);

        var staff = await site.SignedInAsync();
        var signedIn = await CardTitlesAsync(staff, "/metoder");
        foreach (var m in staffOnly) Assert.Contains(m.Title, signedIn);
    }

    [Fact]
    public async Task Profiles_are_hidden_from_anonymous_readers_with_a_sign_in_hint()
    {
        var profiles = await PublishedAsync(site, "CompetenceProfile", Audience.Medarbejder);
        Assert.NotEmpty(profiles);
        var document = await GetDocumentAsync(site.Anonymous(), "/kompetenceprofiler?kompetence=a");
        Assert.Equal(0, AnnouncedCount(document));
        Assert.Empty(CardTitles(document));
        Assert.Empty(document.QuerySelectorAll("main form"));
        var html = document.DocumentElement.OuterHtml;
        foreach (var p in profiles) Assert.DoesNotContain(p.Title, html);
        Assert.NotNull(document.QuerySelector("main a[href^='/konto/log-ind']"));
    }

    [Fact]
    public async Task Each_method_option_on_the_profile_list_finds_exactly_the_people_who_have_that_method()
    {
        var client = await site.SignedInAsync();
        var profiles = await PublishedAsync(site, "CompetenceProfile", Audience.Medarbejder);
        var methods = (await PublishedAsync(site, "Method", Audience.Medarbejder)).ToDictionary(m => m.Slug);
        var options = Options(await GetDocumentAsync(client, "/kompetenceprofiler"), "metode");
        Assert.NotEmpty(options);
        foreach (var (slug, count) in options)
        {
            var id = methods[slug].Id;
            var expected = profiles.Where(p => p.References("methods").Any(r => r.Id == id)).ToList();
            var document = await GetDocumentAsync(client, $"/kompetenceprofiler?metode={slug}");
            SameTitles(expected, CardTitles(document), $"metode={slug}");
            Assert.Equal(expected.Count, count);
            // Each card states the level for the chosen method, and those who teach it come first.
            var first = document.QuerySelector("main ul.card-grid > li")!;
            Assert.Contains(methods[slug].Title + ":", first.TextContent);
        }
    }

    [Fact]
    public async Task Profile_level_filter_keeps_only_those_at_or_above_the_level_best_first()
    {
        var client = await site.SignedInAsync();
        var profiles = await PublishedAsync(site, "CompetenceProfile", Audience.Medarbejder);
        var mi = (await PublishedAsync(site, "Method", Audience.Offentlig)).Single(m => m.Slug == "motiverende-interview");
        string? Level(ContentItem p) => p.References("methods").FirstOrDefault(r => r.Id == mi.Id)?.Level;

        var teachers = profiles.Where(p => Level(p) == "Underviser i metoden").ToList();
        var workers = profiles.Where(p => Level(p) is "Underviser i metoden" or "Arbejder med metoden").ToList();
        Assert.NotEmpty(teachers);
        Assert.True(workers.Count > teachers.Count);

        SameTitles(teachers, await CardTitlesAsync(client, "/kompetenceprofiler?metode=motiverende-interview&niveau=Underviser+i+metoden"), "underviser i MI");
        var atLeastWorks = await CardTitlesAsync(client, "/kompetenceprofiler?metode=motiverende-interview&niveau=Arbejder+med+metoden");
        SameTitles(workers, atLeastWorks, "arbejder med MI eller mere");
        Assert.All(atLeastWorks.Take(teachers.Count), t => Assert.Contains(t, teachers.Select(p => p.Title)));
    }

    [Fact]
    public async Task Profile_filters_for_department_skill_mentor_and_teaching_each_narrow_correctly()
    {
        var client = await site.SignedInAsync();
        var profiles = await PublishedAsync(site, "CompetenceProfile", Audience.Medarbejder);

        var department = profiles.SelectMany(p => p.Departments).GroupBy(d => d).OrderBy(g => g.Count()).First(g => g.Count() < profiles.Count).Key;
        SameTitles(profiles.Where(p => p.Departments.Contains(department)), await CardTitlesAsync(client, $"/kompetenceprofiler?afdeling={department}"), "afdeling");

        SameTitles(profiles.Where(p => p.Bool("mentor")), await CardTitlesAsync(client, "/kompetenceprofiler?mentor=true"), "mentor");
        SameTitles(profiles.Where(p => p.Bool("teachesAtRecoveryskolen")), await CardTitlesAsync(client, "/kompetenceprofiler?underviser=true"), "underviser");
        SameTitles(profiles.Where(p => p.Bool("mentor") && p.Bool("teachesAtRecoveryskolen")),
            await CardTitlesAsync(client, "/kompetenceprofiler?mentor=true&underviser=true"), "mentor og underviser");

        // Free text searches name, job title and "ask me about", ignoring case, every word required.
        var someone = profiles.First(p => p.Text("askMeAbout") is not null);
        var word = someone.Text("askMeAbout")!.Split(' ', ',', '.').Where(w => w.Length > 6).First();
        var bySkill = await CardTitlesAsync(client, $"/kompetenceprofiler?kompetence={Uri.EscapeDataString(word.ToUpperInvariant())}");
        bool Has(ContentItem p, string w) => new[] { p.Title, p.Text("jobTitle"), p.Text("askMeAbout") }
            .Any(t => t is not null && Danish.Culture.CompareInfo.IndexOf(t, w, System.Globalization.CompareOptions.IgnoreCase) >= 0);
        SameTitles(profiles.Where(p => Has(p, word)), bySkill, $"kompetence={word}");
        Assert.Contains(someone.Title, bySkill);
        Assert.True(bySkill.Count < profiles.Count);

        var byTitle = await CardTitlesAsync(client, $"/kompetenceprofiler?kompetence={Uri.EscapeDataString(someone.Title)}");
        Assert.Contains(someone.Title, byTitle);
        Assert.Empty(await CardTitlesAsync(client, "/kompetenceprofiler?kompetence=zzqxj"));
    }

    [Fact]
    public async Task Partners_are_grouped_by_kind_in_the_recipe_order_and_filter_by_kind_and_target_group()
    {
        var client = site.Anonymous();
        var partners = await PublishedAsync(site, "Partner", Audience.Offentlig);
        var document = await GetDocumentAsync(client, "/samarbejdspartnere");
        var headings = document.QuerySelectorAll("main section.partner-group > h2").Select(h => h.FirstChild!.TextContent.Trim()).ToList();
        Assert.Equal(["Kommunale afdelinger", "Regionen", "Foreninger", "Uddannelse", "Nationale aktører"], headings);
        Assert.Equal(partners.Count, CardTitles(document).Count);
        Assert.Equal(partners.Count, AnnouncedCount(document));
        foreach (var group in document.QuerySelectorAll("main section.partner-group"))
        {
            var kind = group.QuerySelector("h2")!.FirstChild!.TextContent.Trim();
            foreach (var title in group.QuerySelectorAll("li h3 a").Select(a => a.TextContent.Trim()))
                Assert.Equal(kind, Plural(partners.Single(p => p.Title == title).Values("partnerType").Single()));
        }

        SameTitles(partners.Where(p => p.Values("partnerType").Contains("Forening")), await CardTitlesAsync(client, "/samarbejdspartnere?type=Forening"), "type");
        SameTitles(partners.Where(p => p.Values("targetGroups").Contains("paaroerende")), await CardTitlesAsync(client, "/samarbejdspartnere?maalgruppe=paaroerende"), "målgruppe");
        var both = await CardTitlesAsync(client, "/samarbejdspartnere?type=Forening&maalgruppe=paaroerende");
        SameTitles(partners.Where(p => p.Values("partnerType").Contains("Forening") && p.Values("targetGroups").Contains("paaroerende")), both, "begge");
        Assert.NotEmpty(both);
    }

    private static string Plural(string kind) => kind switch
    {
        "Kommunal afdeling" => "Kommunale afdelinger",
        "Region" => "Regionen",
        "Forening" => "Foreninger",
        "National" => "Nationale aktører",
        _ => kind,
    };
}
