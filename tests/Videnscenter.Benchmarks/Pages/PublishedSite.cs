using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Videnscenter.Benchmarks.Pages;

/// <summary>
/// The site as it is deployed: published in Release to a temporary folder and started in
/// Production on a free loopback port, with its own temporary data folder (so the seed is imported
/// fresh) and the search rate limit raised out of the benchmark's way. Disposing stops it and
/// removes both folders.
/// </summary>
internal sealed class PublishedSite : IDisposable
{
    private readonly Process _process;
    private readonly string _root;

    private PublishedSite(Process process, string root, Uri address)
    {
        _process = process;
        _root = root;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public static async Task<PublishedSite> StartAsync(string repository)
    {
        var root = Directory.CreateTempSubdirectory("videnscenter-pages-").FullName;
        var app = Path.Combine(root, "app");
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(data);

        var web = Path.Combine(repository, "src", "Videnscenter.Web", "Videnscenter.Web.csproj");
        Console.Error.WriteLine($"# publishing {web}");
        Run("dotnet", ["publish", web, "-c", "Release", "-o", app, "-nologo", "-v", "q"], repository);

        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = app,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(app, "Videnscenter.Web.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["Videnscenter__DataPath"] = data;
        start.Environment["Videnscenter__RecipePath"] = Path.Combine(repository, "recipes", "videnscenter.recipe.json");
        // Every request comes from one loopback address: the per-address limits would measure the limiter.
        start.Environment["Videnscenter__RateLimits__SearchPerTenSeconds"] = "10000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the site");
        // Drain the output so the site never blocks on a full pipe; keep the last lines for a failure.
        var tail = new Queue<string>();
        void Keep(string? line)
        {
            if (line is null) return;
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 40) tail.Dequeue();
            }
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var site = new PublishedSite(process, root, address);
        try
        {
            await site.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        }
        catch
        {
            lock (tail) foreach (var line in tail) Console.Error.WriteLine("# site: " + line);
            site.Dispose();
            throw;
        }
        return site;
    }

    /// <summary>Resident memory of the site's process, from /proc (Linux).</summary>
    public long ResidentBytes()
    {
        var status = $"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status";
        if (!File.Exists(status)) return -1;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        if (line is null) return -1;
        var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
        return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
    }

    private async Task WaitUntilReadyAsync(TimeSpan limit)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the site stopped with exit code {_process.ExitCode}");
            try
            {
                using var health = await http.GetAsync("/health");
                if (health.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"the site did not answer /health within {limit.TotalSeconds} s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static void Run(string file, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} failed with exit code {process.ExitCode}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"# could not remove {_root}: {e.Message}");
        }
    }
}
