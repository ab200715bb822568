using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Videnscenter.Web.Tests.Cluster;

/// <summary>
/// One real site process (<c>dotnet Videnscenter.Web.dll</c>) on a loopback port, as a node of a
/// cluster: its own node name and data folder, a shared database and media folder. Killed (with
/// SIGKILL) on dispose; its last output lines are kept for the failure message.
/// </summary>
public sealed class SiteProcess : IDisposable
{
    /// <summary>The password of <c>admin</c>, created by whichever node seeds the database.</summary>
    public const string AdminPassword = "Test-Admin-2026-Adgang";
    private const int KeptLines = 300;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public SiteProcess(string nodeName, string connectionString, string mediaPath)
    {
        NodeName = nodeName;
        ConnectionString = connectionString;
        MediaPath = mediaPath;
        DataPath = Directory.CreateTempSubdirectory($"videnscenter-node-{nodeName}-").FullName;
        Port = FreePort();
    }

    public string NodeName { get; }
    public string ConnectionString { get; }
    public string MediaPath { get; }
    public string DataPath { get; }
    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public string Output => string.Join("\n", _output);

    /// <summary>The site as built next to the tests' own build (same configuration).</summary>
    public static string SiteDll { get; } = FindSiteDll();

    public void Start()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(SiteDll))))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(SiteDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        info.ArgumentList.Add($"--Videnscenter:NodeName={NodeName}");
        info.ArgumentList.Add($"--Videnscenter:DataPath={DataPath}");
        info.ArgumentList.Add($"--Videnscenter:MediaPath={MediaPath}");
        info.ArgumentList.Add($"--ConnectionStrings:Videnscenter={ConnectionString}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["VIDENSCENTER_ADMIN_PASSWORD"] = AdminPassword;
        _process = Process.Start(info) ?? throw new InvalidOperationException("dotnet kunne ikke startes.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits until /health answers 200, or fails with the node's output.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan limit)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true })
                throw new InvalidOperationException($"Node {NodeName} stoppede med kode {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Node {NodeName} svarede ikke inden for {limit.TotalSeconds} s:\n{Output}");
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.WaitForExit(10_000);
        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Kill();
        try { Directory.Delete(DataPath, recursive: true); } catch (IOException) { }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > KeptLines) _output.TryDequeue(out _);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindSiteDll()
    {
        // tests/Videnscenter.Web.Tests/bin/<Configuration>/<tfm>/ → src/Videnscenter.Web/bin/<Configuration>/<tfm>/
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        for (var dir = here; dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "src", "Videnscenter.Web", "bin", configuration, tfm, "Videnscenter.Web.dll");
            if (File.Exists(dll)) return dll;
        }
        throw new FileNotFoundException($"Fandt ikke src/Videnscenter.Web/bin/{configuration}/{tfm}/Videnscenter.Web.dll; byg løsningen først.");
    }
}
