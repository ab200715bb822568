using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace Videnscenter.Web.Tests.Caching;

/// <summary>
/// Each page type asks the database a small, fixed number of questions however much content there
/// is: a query in a loop over items shows up here as a count that grows. Every request carries a
/// new query string, so it is rendered (never answered from the page cache). The output also
/// gives each page's database time against its whole time, for the performance notes.
/// </summary>
public sealed class QueryCountTests(CountingSite site, ITestOutputHelper output) : IClassFixture<CountingSite>
{
    public static TheoryData<string, int> Pages => new()
    {
        { "/", 3 },
        { "/metoder", 2 },
        { "/metoder/act-intensivt-udgaaende-team", 4 },
        { "/kurser", 3 },
        { "/kurser/recovery-en-introduktion", 4 },
        { "/begivenheder", 2 },
        { "/samarbejdspartnere", 2 },
        { "/slides", 2 },
        { "/soeg?q=recovery", 1 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_asks_the_database_a_bounded_number_of_questions(string path, int most)
    {
        var client = site.Anonymous();
        var separator = path.Contains('?') ? '&' : '?';
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{path}{separator}opvarm=1")).StatusCode);

        site.Queries.Reset();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var response = await client.GetAsync($"{path}{separator}n={Guid.NewGuid():N}");
        var total = clock.Elapsed;
        // All threads' allocations (the request's, the test client's and any background work): an upper bound.
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var commands = site.Queries.Commands;
        output.WriteLine($"{path}: {commands} queries, database {site.Queries.Time.TotalMilliseconds:F1} ms of {total.TotalMilliseconds:F1} ms, {allocated / 1024} KB allocated");
        foreach (var text in site.Queries.Texts) output.WriteLine("  " + text.ReplaceLineEndings(" "));
        Assert.True(commands <= most, $"{path} sendte {commands} forespørgsler til databasen (højst {most}).");
    }
}
