using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Videnscenter.Benchmarks.Pages;

/// <summary>One wrk run's figures: requests per second, median and 99th percentile latency, failed answers.</summary>
internal sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Failed);

/// <summary>
/// Runs the Debian wrk (installed with apt-get when missing) with a Lua script whose <c>done</c>
/// prints the figures on one line we parse, so nothing depends on wrk's human-readable report.
/// </summary>
internal static partial class Wrk
{
    private const string Report = """
        done = function(summary, latency, requests)
          local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
          io.write(string.format("WRK requests=%.0f duration_us=%.0f p50_us=%.0f p99_us=%.0f failed=%.0f\n",
            summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), failed))
        end
        """;

    public static void EnsureInstalled()
    {
        if (File.Exists("/usr/bin/wrk")) return;
        Console.Error.WriteLine("# wrk is missing: installing the Debian package");
        var sudo = Environment.UserName == "root" ? "" : "sudo ";
        PublishedSite.Run("sh", ["-c", $"{sudo}apt-get update -qq && {sudo}apt-get install -y -qq wrk"], Environment.CurrentDirectory);
    }

    /// <summary>A script that only reports; every request asks for the same path.</summary>
    public static string FixedScript() => Report;

    /// <summary>
    /// A script whose every request asks a query no earlier request asked: three words from
    /// <paramref name="words"/> (URL-encoded) in an order given by a per-thread counter, so caches stay cold.
    /// </summary>
    public static string VaryingScript(string pathBeforeQuery, IReadOnlyList<string> words)
    {
        var list = string.Join(", ", words.Select(w => "\"" + Uri.EscapeDataString(w) + "\""));
        var combinations = words.Count * words.Count * words.Count;
        return $$"""
            local words = { {{list}} }
            local counter = 0
            local started = 0
            offset = 0
            setup = function(thread)
              thread:set("offset", started * {{(combinations / 4).ToString(CultureInfo.InvariantCulture)}})
              started = started + 1
            end
            request = function()
              counter = counter + 1
              local i = counter + offset
              local n = #words
              local q = words[i % n + 1] .. "+" .. words[math.floor(i / n) % n + 1] .. "+" .. words[math.floor(i / (n * n)) % n + 1]
              return wrk.format("GET", "{{pathBeforeQuery}}" .. q)
            end
            """ + "\n" + Report;
    }

    public static WrkResult Run(Uri site, string path, string script, int seconds, IReadOnlyDictionary<string, string> headers)
    {
        var scriptFile = Path.Combine(Path.GetTempPath(), $"videnscenter-wrk-{Guid.NewGuid():N}.lua");
        File.WriteAllText(scriptFile, script);
        try
        {
            var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-t2", "-c32", $"-d{seconds.ToString(CultureInfo.InvariantCulture)}s", "--latency", "-s", scriptFile })
                start.ArgumentList.Add(a);
            foreach (var (name, value) in headers)
            {
                start.ArgumentList.Add("-H");
                start.ArgumentList.Add($"{name}: {value}");
            }
            start.ArgumentList.Add(new Uri(site, path).ToString());
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start wrk");
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var match = ReportLine().Match(output);
            if (process.ExitCode != 0 || !match.Success)
                throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {output} {errors.Result}");
            double Number(string name) => double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
            return new WrkResult(
                Number("requests") / (Number("duration") / 1_000_000),
                Number("p50") / 1000,
                Number("p99") / 1000,
                (long)Number("failed"));
        }
        finally
        {
            File.Delete(scriptFile);
        }
    }

    [GeneratedRegex(@"WRK requests=(?<requests>\d+) duration_us=(?<duration>\d+) p50_us=(?<p50>\d+) p99_us=(?<p99>\d+) failed=(?<failed>\d+)")]
    private static partial Regex ReportLine();
}
