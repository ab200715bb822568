using System.Globalization;
using System.Text.RegularExpressions;
using Videnscenter.Benchmarks.Search;

namespace Videnscenter.Benchmarks.Pages;

/// <summary>
/// <c>pages</c>: every page type beside a static file, on the published site in Production.
/// For each route, <c>wrk -t2 -c32 -d10s</c> after a short warm-up, and one line:
/// <c>page route=… rps=… p50_ms=… p99_ms=… ratio_to_static=… failed=…</c>; the search routes are
/// also measured cold, each request asking a query no earlier one asked (<c>q=&lt;varied&gt;</c>).
/// Then the site's resident memory after the run. Options: <c>--seconds N</c> (default 10),
/// <c>--accept-encoding br</c> (ask for compressed answers as a browser does; default: none, like plain wrk).
/// </summary>
internal static partial class PageBenchmark
{
    /// <summary>Words from the seed content's vocabulary, for queries nobody asked before.</summary>
    private static readonly string[] QueryWords =
    [
        "recovery", "pårørende", "angst", "depression", "samtale", "gruppe", "netværk", "håb", "psykose", "trivsel",
        "søvn", "stress", "mestring", "fællesskab", "medicin", "krop", "bevægelse", "kost", "arbejde", "uddannelse",
        "bolig", "ensomhed", "misbrug", "rusmidler", "selvskade", "traume", "identitet", "styrker", "mål", "plan",
        "kursus", "undervisning", "frivillig", "medarbejder", "metode", "dialog", "åben", "kunst", "musik", "natur",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = int.Parse(SearchBenchmark.Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>();
        if (SearchBenchmark.Option(args, "--accept-encoding") is { } encoding) headers["Accept-Encoding"] = encoding;

        Wrk.EnsureInstalled();
        var repository = FindRepository();
        Console.Error.WriteLine($"# load average before: {LoadAverage()}");
        using var site = await PublishedSite.StartAsync(repository);
        Console.Error.WriteLine($"# site at {site.Address} (pid {site.ProcessId}), Production, fresh data folder");

        var routes = await DiscoverAsync(site.Address);
        var fixedScript = Wrk.FixedScript();
        double? staticRate = null;
        foreach (var (name, path) in routes)
        {
            Wrk.Run(site.Address, path, fixedScript, 2, headers); // warm-up: JIT, connection pools, caches
            var result = Wrk.Run(site.Address, path, fixedScript, seconds, headers);
            staticRate ??= result.RequestsPerSecond;
            Print(name, result, staticRate.Value);
        }

        // Cold: a new query on every request (the warm runs above only ever asked "recovery" and "metoderne").
        foreach (var path in new[] { "/soeg?q=", "/api/search?q=" })
        {
            var result = Wrk.Run(site.Address, path, Wrk.VaryingScript(path, QueryWords), seconds, headers);
            Print(path + "<varied>", result, staticRate!.Value);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"page memory_after_run_mb={site.ResidentBytes() / 1024.0 / 1024.0:F0}"));
        Console.Error.WriteLine($"# load average after: {LoadAverage()}");
        return 0;
    }

    private static void Print(string route, WrkResult r, double staticRate) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"page route={route} rps={r.RequestsPerSecond:F0} p50_ms={r.P50Ms:F2} p99_ms={r.P99Ms:F2} ratio_to_static={r.RequestsPerSecond / staticRate:F3} failed={r.Failed}"));

    /// <summary>The routes, the static file first; the theme's CSS and one method and course are read off the site's own pages.</summary>
    private static async Task<List<(string Name, string Path)>> DiscoverAsync(Uri site)
    {
        using var http = new HttpClient { BaseAddress = site };
        var front = await http.GetStringAsync("/");
        var css = StyleSheet().Match(front) is { Success: true } m
            ? System.Net.WebUtility.HtmlDecode(m.Groups["href"].Value)
            : throw new InvalidOperationException("no theme style sheet on the front page");
        var method = await FirstLinkAsync(http, "/metoder", "metoder");
        var course = await FirstLinkAsync(http, "/kurser", "kurser");
        return
        [
            (css, css),
            ("/", "/"),
            (method, method),
            ("/metoder", "/metoder"),
            (course, course),
            ("/soeg?q=recovery", "/soeg?q=recovery"),
            ("/api/search?q=metoderne", "/api/search?q=metoderne"),
        ];
    }

    private static async Task<string> FirstLinkAsync(HttpClient http, string list, string section)
    {
        var html = await http.GetStringAsync(list);
        var link = Regex.Match(html, $"href=\"(?<href>/{section}/[a-z0-9-]+)\"");
        return link.Success ? link.Groups["href"].Value : throw new InvalidOperationException($"no item link on {list}");
    }

    private static string FindRepository()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Videnscenter.sln"))) return dir.FullName;
        throw new InvalidOperationException("run the bench inside the repository (Videnscenter.sln not found)");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(?<href>[^\"]*site[^\"]*\\.css[^\"]*)\"")]
    private static partial Regex StyleSheet();
}
