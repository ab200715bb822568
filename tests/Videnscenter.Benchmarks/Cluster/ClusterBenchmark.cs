using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Videnscenter.Web.Tests.Cluster;

namespace Videnscenter.Benchmarks.Cluster;

/// <summary>
/// Publish on one node, find on the other: starts its own PostgreSQL and two site processes,
/// publishes <c>--items</c> pages (default 100) one by one through node A's editor and, after each
/// publish returns, polls node B's search API until the page is found. Prints
/// <c>cluster nodes=2 publish_to_other_node_p50_ms=… p95_ms=…</c>.
/// </summary>
public static partial class ClusterBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var items = args.SkipWhile(a => a != "--items").Skip(1).Select(int.Parse).FirstOrDefault(100);
        using var postgres = ThrowawayPostgres.Start();
        var media = Directory.CreateTempSubdirectory("videnscenter-bench-media-").FullName;
        var connection = postgres.ConnectionString("postgres");
        using var a = new SiteProcess("bench-a", connection, media);
        using var b = new SiteProcess("bench-b", connection, media);
        try
        {
            a.Start();
            b.Start();
            await Task.WhenAll(a.WaitUntilReadyAsync(TimeSpan.FromMinutes(5)), b.WaitUntilReadyAsync(TimeSpan.FromMinutes(5)));

            using var editor = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            { BaseAddress = a.BaseAddress };
            using var reader = new HttpClient { BaseAddress = b.BaseAddress };
            var login = await editor.GetStringAsync("/konto/log-ind");
            var signedIn = await editor.PostAsync("/konto/log-ind", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = "admin",
                ["Password"] = SiteProcess.AdminPassword,
                ["__RequestVerificationToken"] = Token(login),
            }));
            if (signedIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException("Log-ind på node A mislykkedes.");
            var token = Token(await editor.GetStringAsync("/admin/indhold/sider/ny"));

            var latencies = new List<double>();
            for (var i = 0; i < items; i++)
            {
                var word = "klyngemaaling" + Letters(i);
                var published = await editor.PostAsync("/admin/indhold/sider/ny", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["titel"] = $"Målingsside {Letters(i)}",
                    ["broedtekst"] = $"Denne side måler {word} mellem to noder.",
                    ["udgivAlligevel"] = "true",
                    ["handling"] = "udgiv",
                    ["__RequestVerificationToken"] = token,
                }));
                // The publish has committed when node A answers; from here node B must find it.
                var watch = Stopwatch.StartNew();
                if (published.StatusCode != HttpStatusCode.Redirect)
                    throw new InvalidOperationException($"Udgivelse {i} på node A gav {(int)published.StatusCode}.");
                while (!await FindsAsync(reader, word))
                {
                    if (watch.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"Node B fandt ikke side {i} inden for 30 s.");
                    await Task.Delay(5);
                }
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }

            latencies.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cluster nodes=2 items={items} publish_to_other_node_p50_ms={Percentile(latencies, 0.50):F0} p95_ms={Percentile(latencies, 0.95):F0} max_ms={latencies[^1]:F0}"));
            return 0;
        }
        finally
        {
            a.Kill();
            b.Kill();
            try { Directory.Delete(media, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<bool> FindsAsync(HttpClient reader, string word)
    {
        using var json = JsonDocument.Parse(await reader.GetStringAsync($"/api/search?q={word}"));
        return json.RootElement.GetProperty("hits").GetArrayLength() > 0;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>A number as letters (a, b, …, ba, …): one word the analyzer keeps whole.</summary>
    private static string Letters(int n)
    {
        var s = "";
        do { s = (char)('a' + n % 26) + s; n /= 26; } while (n > 0);
        return s;
    }

    private static string Token(string html) => AntiforgeryField().Match(html) is { Success: true } m
        ? m.Groups[1].Value
        : throw new InvalidOperationException("Siden har intet antiforgery-felt.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
