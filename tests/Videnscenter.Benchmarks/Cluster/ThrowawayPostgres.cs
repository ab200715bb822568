using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Videnscenter.Benchmarks.Cluster;

/// <summary>
/// A PostgreSQL server of its own for the benchmark, started like ./test.sh starts the tests' one:
/// initdb in a temporary folder, trust authentication on 127.0.0.1 only, a free port; stopped and
/// deleted on dispose. Run as root, the server runs as the user <c>postgres</c>.
/// </summary>
public sealed class ThrowawayPostgres : IDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly bool _asRoot = Environment.UserName == "root";

    private ThrowawayPostgres(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=videnscenter;Database={database}";

    public static ThrowawayPostgres Start()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (bin is null) throw new InvalidOperationException("PostgreSQL er ikke installeret (apt-get install postgresql); ./test.sh installerer det.");
        var folder = Directory.CreateTempSubdirectory("videnscenter-bench-pg-").FullName;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            var postgres = new ThrowawayPostgres(bin, folder, ((IPEndPoint)listener.LocalEndpoint).Port);
            listener.Stop();
            if (postgres._asRoot) Run("chown", "postgres", folder);
            postgres.RunPg("initdb", "-D", Path.Combine(folder, "data"), "-U", "videnscenter", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
            postgres.RunPg("pg_ctl", "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"), "-w", "-o",
                $"-c listen_addresses=127.0.0.1 -p {postgres.Port} -k {folder} -c fsync=off -c full_page_writes=off", "start");
            return postgres;
        }
    }

    public void Dispose()
    {
        try { RunPg("pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "stop"); }
        catch (InvalidOperationException) { /* already stopped */ }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private void RunPg(string tool, params string[] args)
    {
        if (_asRoot) Run("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args]);
        else Run(Path.Combine(_bin, tool), args);
    }

    private static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(120_000)) process.Kill();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} fejlede: {error}{output.Result}");
    }
}
