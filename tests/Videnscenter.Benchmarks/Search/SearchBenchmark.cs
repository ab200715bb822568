using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Videnscenter.Search;
using Videnscenter.Search.Tests.Relevance;

namespace Videnscenter.Benchmarks.Search;

/// <summary>
/// <c>search</c>: builds indexes of synthetic Danish documents (or a JSON-lines corpus) through
/// <see cref="SearchIndex"/> exactly as the site does, then measures warm query latency over a fixed
/// query mix, the ranking (nDCG@10) and publish-to-findable time. Prints a <c>search</c> and a
/// <c>publish</c> line per corpus; details go to stderr with <c>--verbose</c>.
/// </summary>
/// <remarks>
/// The timed query is the product's whole query, as the search page sends it: hits, total, facets,
/// snippets and "Mente du …?" under the access filter of a signed-in volunteer (Reader =
/// Frivillig, so staff-only documents are filtered out), page size 10.
/// ndcg10 on the search line is the mean nDCG@10 of the judged synthetic queries at that corpus
/// size (<see cref="SyntheticRelevance"/>, graded from the generator's topics, read as staff), not
/// the seed-content relevance set; that one is printed by the <c>relevance</c> command.
/// </remarks>
internal static class SearchBenchmark
{
    /// <summary>The fixed query mix: single words, inflected forms, compounds, two words, phrases, typos.</summary>
    public static readonly string[] QueryMix =
    [
        // single words
        "recovery", "metode", "borger", "pårørende", "peer", "angst", "samtale", "kursus",
        // inflected forms
        "metoderne", "pårørendes", "borgerne", "kurserne", "samtalerne", "recoveryen",
        // compounds
        "recoveryskolen", "mestringsvejledning", "peerstøtte", "netværksmødet", "mestringsgruppe", "søvnvejledningen",
        // two words
        "recovery borger", "pårørende samtale", "angst kursus", "metode peer", "mestring vejledning", "borgerens hverdag",
        // phrases
        "\"recovery skolen\"", "\"peer støtte\"", "\"mestrings vejledning\"", "\"netværks møde\"",
        // typos
        "mestringsvejlednig", "pårørnde", "metdoe", "recovry", "samtlae", "borgre",
    ];

    private static readonly DateTime Now = new(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    public static int Run(string[] args)
    {
        var corpus = Option(args, "--corpus");
        var queries = Option(args, "--queries");
        var hits = Option(args, "--hits");
        var verbose = args.Contains("--verbose");
        var timedQueries = int.Parse(Option(args, "--timed") ?? "2000", CultureInfo.InvariantCulture);

        var directory = Path.Combine(Path.GetTempPath(), "videnscenter-search-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            if (corpus is not null)
            {
                var documents = ReadCorpus(corpus);
                var mix = queries is null ? QueryMix : [.. File.ReadAllLines(queries).Where(l => l.Length > 0)];
                Measure(directory, documents, mix, timedQueries, verbose, hits, judged: null);
                return 0;
            }

            int[] sizes = [.. (Option(args, "--sizes") ?? "1000,10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
            var generator = new DanishCorpus();
            if (verbose)
            {
                Console.Error.WriteLine($"# vocabulary: {generator.VocabularySize} surface words");
            }

            foreach (var size in sizes)
            {
                var corpusAtSize = new DanishCorpus();
                var documents = corpusAtSize.Generate(size);
                Measure(directory, documents, QueryMix, timedQueries, verbose, hits, SyntheticRelevance.For(corpusAtSize, documents));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Measure(string directory, List<SearchDocument> documents, string[] mix, int timedQueries, bool verbose, string? hitsFile,
        IReadOnlyList<JudgedQuery>? judged)
    {
        // Each corpus gets a folder of its own; the index is whatever the engine makes at "index"
        // (a file plus its journal, or a directory), and index_mb is everything in the folder.
        var folder = Path.Combine(directory, $"docs-{documents.Count}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "index");
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var buildCpuStart = process.TotalProcessorTime;
        var build = Stopwatch.StartNew();
        using (var index = SearchIndex.Open(path))
        {
            index.Rebuild(documents);
            build.Stop();
            process.Refresh();
            var buildCpu = (process.TotalProcessorTime - buildCpuStart).TotalSeconds;
            var bytes = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

            // Warm-up: every query a few times.
            for (var round = 0; round < 3; round++)
            {
                foreach (var query in mix)
                {
                    index.Search(Request(query));
                }
            }

            var random = new Random(42);
            var timings = new double[timedQueries];
            process.Refresh();
            var queryCpuStart = process.TotalProcessorTime;
            var perQuery = new Dictionary<string, List<double>>();
            for (var i = 0; i < timedQueries; i++)
            {
                var query = mix[random.Next(mix.Length)];
                var start = Stopwatch.GetTimestamp();
                index.Search(Request(query));
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                timings[i] = ms;
                if (verbose)
                {
                    (perQuery.TryGetValue(query, out var list) ? list : perQuery[query] = []).Add(ms);
                }
            }

            process.Refresh();
            var queryCpuMs = (process.TotalProcessorTime - queryCpuStart).TotalMilliseconds / Math.Max(1, timedQueries);
            Array.Sort(timings);
            var seconds = build.Elapsed.TotalSeconds;
            var scores = RelevanceEvaluator.ScoreAll(index, judged ?? []);
            var ndcg = scores.Count > 0 ? scores.Average(s => s.Ndcg10).ToString("F3", CultureInfo.InvariantCulture) : "n/a";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"search docs={documents.Count} build_s={seconds:F2} docs_per_s={documents.Count / seconds:F0} index_mb={bytes / 1048576.0:F1} p50_ms={Percentile(timings, 0.50):F3} p95_ms={Percentile(timings, 0.95):F3} p99_ms={Percentile(timings, 0.99):F3} ndcg10={ndcg}"));
            if (verbose && scores.Count > 0)
            {
                foreach (var row in RelevanceEvaluator.ByClass(scores))
                {
                    Console.Error.WriteLine("#   " + row.Line($"synthetic-{documents.Count}"));
                }
            }

            if (verbose)
            {
                // Where the bytes are: Lucene's file kinds (.fdt stored fields, .doc/.pos/.pay postings,
                // .tim/.tip terms, .nvd norms, .dvd doc values, .cfs small segments in one file).
                var byKind = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories)
                    .GroupBy(f => f.Extension.Length > 0 ? f.Extension : f.Name)
                    .OrderByDescending(g => g.Sum(f => f.Length))
                    .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}={g.Sum(f => f.Length) / 1048576.0:F1}"));
                Console.Error.WriteLine("#   index_mb by kind: " + string.Join(" ", byKind));

                // CPU time next to wall time: on a shared, busy machine the wall times above include
                // waiting for a core; these show the work itself.
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"#   cpu: build_cpu_s={buildCpu:F2} (both cores) query_cpu_ms_mean={queryCpuMs:F3} load={LoadAverage()}"));
                foreach (var query in mix)
                {
                    var result = index.Search(Request(query));
                    var mean = perQuery.TryGetValue(query, out var list) ? list.Average().ToString("F3", CultureInfo.InvariantCulture) : "-";
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"#   {query,-24} total={result.Total,7} relaxed={result.RelaxedToAnyWord,-5} dym={result.DidYouMean ?? "-",-22} mean_ms={mean}"));
                }
            }

            if (hitsFile is not null)
            {
                var output = new StringBuilder();
                foreach (var query in mix)
                {
                    var result = index.Search(Request(query));
                    for (var rank = 0; rank < result.Hits.Count; rank++)
                    {
                        output.Append(query).Append('\t').Append((rank + 1).ToString(CultureInfo.InvariantCulture)).Append('\t').Append(result.Hits[rank].Id).Append('\n');
                    }
                }

                File.WriteAllText(hitsFile, output.ToString());
            }

            // Last, as it adds documents to the index.
            MeasurePublish(index, documents);
        }

        Directory.Delete(folder, recursive: true);
    }

    /// <summary>The query the search page sends: page 1 of 10 for a signed-in volunteer.</summary>
    private static SearchRequest Request(string query) =>
        new() { Query = query, Reader = Audience.Frivillig, PageSize = 10, NowUtc = Now };

    /// <summary>
    /// Publish to findable on the warm index: each of <see cref="Publishes"/> documents (a copy of a
    /// corpus document with a word of its own in the title) is upserted, then searched for by that
    /// word until it is among the hits; the time runs from the start of the upsert. A document not
    /// found within <see cref="PublishTimeout"/> is counted as missing.
    /// </summary>
    private static void MeasurePublish(SearchIndex index, List<SearchDocument> documents)
    {
        var timings = new List<double>(Publishes);
        var missing = 0;
        for (var i = 0; i < Publishes; i++)
        {
            var word = PublishWord(i);
            var source = documents[(i * 7919) % documents.Count];
            var published = source with
            {
                Id = "publish-" + i.ToString(CultureInfo.InvariantCulture),
                Title = source.Title + " " + word,
                Audience = Audience.Offentlig,
                Url = "/publish/" + i.ToString(CultureInfo.InvariantCulture),
            };

            var start = Stopwatch.GetTimestamp();
            index.Upsert(published);
            var found = false;
            while (!found && Stopwatch.GetElapsedTime(start) < PublishTimeout)
            {
                found = index.Search(Request(word)).Hits.Any(h => h.Id == published.Id);
            }

            if (found)
            {
                timings.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            else
            {
                missing++;
            }
        }

        double[] sorted = [.. timings.Order()];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"publish docs={documents.Count} p50_ms={Percentile(sorted, 0.50):F3} p95_ms={Percentile(sorted, 0.95):F3}{(missing > 0 ? $" missing={missing}" : "")}"));
    }

    private const int Publishes = 200;

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A word no corpus has, one per publish ("zqxaab…"), ending in a consonant no Danish suffix rule strips.</summary>
    private static string PublishWord(int i)
    {
        var letters = new StringBuilder("zqx");
        for (int n = i, digits = 0; digits < 3; digits++, n /= 26)
        {
            letters.Append((char)('a' + (n % 26)));
        }

        return letters.Append('q').ToString();
    }

    /// <summary>The 1-minute load average where the OS tells it (Linux), else "n/a".</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    /// <summary>One JSON object per line: id, type, title, summary, body, department, tags.</summary>
    private static List<SearchDocument> ReadCorpus(string file)
    {
        var documents = new List<SearchDocument>();
        foreach (var line in File.ReadLines(file))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var id = Text(root, "id") ?? throw new InvalidDataException("A corpus line has no id.");
            documents.Add(new SearchDocument
            {
                Id = id,
                Type = Text(root, "type") ?? "Document",
                Title = Text(root, "title") ?? "",
                Summary = Text(root, "summary") ?? "",
                Body = Text(root, "body") ?? "",
                Url = "/" + id,
                Departments = Strings(root, "department"),
                Tags = Strings(root, "tags"),
            });
        }

        return documents;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.ToString(),
        } : null;

    private static string[] Strings(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.Array => [.. value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.ToString()).Where(v => v.Length > 0)],
            JsonValueKind.String when value.GetString() is { Length: > 0 } s => [s],
            _ => [],
        };
    }

    internal static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
