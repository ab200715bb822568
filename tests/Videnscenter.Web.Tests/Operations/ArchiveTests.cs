using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Videnscenter.Content.Tests.Harness;
using Videnscenter.Web.Tests.Cluster;

namespace Videnscenter.Web.Tests.Operations;

/// <summary>
/// Export and import through the real commands (<c>dotnet Videnscenter.Web.dll export|import FILE</c>):
/// a seeded SQLite site moved to PostgreSQL and back holds the same rows and media files; damaged and
/// foreign archives are refused with a Danish message before the database is touched.
/// </summary>
public sealed partial class ArchiveTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("videnscenter-archive-").FullName;
    private TestDatabase _postgres = null!;

    public async Task InitializeAsync() => _postgres = await TestDatabase.CreateAsync(DatabaseKind.Postgres);

    public async Task DisposeAsync()
    {
        await _postgres.DisposeAsync();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }

    [ClusterFact]
    public async Task A_site_moved_from_SQLite_to_PostgreSQL_and_back_holds_the_same_rows_and_files()
    {
        var sqlite = Path.Combine(_work, "sqlite");
        Assert.Equal(0, (await RunAsync(["recipe"], sqlite)).Code);
        var a = Path.Combine(_work, "a.zip");
        var b = Path.Combine(_work, "b.zip");
        var c = Path.Combine(_work, "c.zip");

        await SucceedsAsync(["export", a], sqlite);
        await SucceedsAsync(["import", a], Path.Combine(_work, "pg"), _postgres.ConnectionString);
        await SucceedsAsync(["export", b], Path.Combine(_work, "pg"), _postgres.ConnectionString);
        await SucceedsAsync(["import", b], Path.Combine(_work, "sqlite2"));
        await SucceedsAsync(["export", c], Path.Combine(_work, "sqlite2"));

        var first = Contents(a);
        Assert.Contains(first.Keys, k => k.StartsWith("media/", StringComparison.Ordinal));
        Assert.True(first["tables/content/ContentVersionRecord.jsonl"].Length > 100);
        Assert.True(first["tables/identity/IdentityUser.jsonl"].Length >= 1);
        Assert.Equal(first, Contents(b));
        Assert.Equal(first, Contents(c));

        // Into a database that already holds a site: refused.
        var again = await RunAsync(["import", b], Path.Combine(_work, "sqlite2"));
        Assert.Equal(1, again.Code);
        Assert.Contains("Databasen er ikke tom", again.Output);
    }

    [ClusterFact]
    public async Task A_damaged_or_foreign_archive_is_refused_and_nothing_is_written()
    {
        var sqlite = Path.Combine(_work, "sqlite");
        Assert.Equal(0, (await RunAsync(["recipe"], sqlite)).Code);
        var good = Path.Combine(_work, "good.zip");
        await SucceedsAsync(["export", good], sqlite);

        var damaged = Path.Combine(_work, "damaged.zip");
        File.Copy(good, damaged);
        using (var zip = ZipFile.Open(damaged, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("tables/content/ContentItemRecord.jsonl")!;
            string text;
            using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("tables/content/ContentItemRecord.jsonl").Open());
            writer.Write(text.Replace("\"status\":1", "\"status\":3"));
        }
        var foreign = Path.Combine(_work, "foreign.zip");
        using (var zip = ZipFile.Open(foreign, ZipArchiveMode.Create))
        using (var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open()))
            writer.Write("{\"format\":\"wordpress\"}");
        var notZip = Path.Combine(_work, "notzip.zip");
        await File.WriteAllTextAsync(notZip, "ikke en zip-fil");

        foreach (var (file, message) in new[]
                 {
                     (damaged, "Arkivet er beskadiget"),
                     (foreign, "er ikke et eksportarkiv fra Videnscenter"),
                     (notZip, "er ikke et Videnscenter-arkiv"),
                 })
        {
            var target = Path.Combine(_work, "target-" + Path.GetFileNameWithoutExtension(file));
            var result = await RunAsync(["import", file], target, _postgres.ConnectionString);
            Assert.Equal(1, result.Code);
            Assert.Contains(message, result.Output);
            Assert.False(File.Exists(Path.Combine(target, "videnscenter.db")));
        }
        Assert.Equal(0L, await TableCountAsync(_postgres.ConnectionString));
    }

    private static async Task<long> TableCountAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task SucceedsAsync(string[] args, string dataPath, string? connectionString = null)
    {
        var result = await RunAsync(args, dataPath, connectionString);
        Assert.True(result.Code == 0, $"{string.Join(' ', args)} gav {result.Code}:\n{result.Output}");
    }

    /// <summary>Runs the site's command line and returns its exit code and output (bounded: 3 minutes).</summary>
    private static async Task<(int Code, string Output)> RunAsync(string[] args, string dataPath, string? connectionString = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(SiteProcess.SiteDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.ArgumentList.Add($"--Videnscenter:DataPath={dataPath}");
        if (connectionString is not null) info.ArgumentList.Add($"--ConnectionStrings:Videnscenter={connectionString}");
        info.Environment["VIDENSCENTER_ADMIN_PASSWORD"] = SiteProcess.AdminPassword;
        info.WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(SiteProcess.SiteDll))))!;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Every entry but the manifest: table rows sorted (row order is the database's), times to the microsecond PostgreSQL keeps.</summary>
    private static Dictionary<string, string[]> Contents(string archive)
    {
        using var zip = ZipFile.OpenRead(archive);
        var contents = new Dictionary<string, string[]>();
        foreach (var entry in zip.Entries.Where(e => e.FullName != "manifest.json"))
        {
            using var stream = entry.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            contents[entry.FullName] = entry.FullName.StartsWith("tables/", StringComparison.Ordinal)
                ? [.. Encoding.UTF8.GetString(memory.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(l => Fraction().Replace(l, m => "." + (m.Groups[1].Value + "000000")[..6].TrimEnd('0') + "Z")).Order(StringComparer.Ordinal)]
                : [Convert.ToHexString(memory.ToArray())];
        }
        return contents;
    }

    [GeneratedRegex(@"\.(\d+)Z")]
    private static partial Regex Fraction();
}
