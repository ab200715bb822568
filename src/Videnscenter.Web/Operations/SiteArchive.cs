using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Videnscenter.Content;
using Videnscenter.Content.Storage;
using Videnscenter.Media.Library;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Accounts.Audit;
using Videnscenter.Web.Hosting;
using Videnscenter.Web.Recoveryskolen;

namespace Videnscenter.Web.Operations;

/// <summary>
/// Backup, restore and moving house: one versioned zip with a manifest, one JSON Lines file per
/// table (definitions, taxonomies, settings, every content version, users and roles with password
/// hashes only, sign-ups, the audit log, the media library's rows) and the media files. Rows are
/// written through the EF models, so an archive from SQLite restores into PostgreSQL and back.
/// </summary>
/// <remarks>
/// Left out on purpose: the cookie keys (a restored site issues new ones), job leases, node
/// positions and the content change log (each node rebuilds its search index from the restored
/// content). Import checks the whole archive (manifest, format, every file's SHA-256 and every row)
/// before it touches the database, and only fills an empty one.
/// </remarks>
public sealed class SiteArchive(IServiceProvider services, SiteOptions site)
{
    public const string Format = "videnscenter-export";
    public const int FormatVersion = 1;
    private const string ManifestPath = "manifest.json";
    private const int Chunk = 500;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Manifest(string Format, int Version, DateTime CreatedUtc, List<TableEntry> Tables, List<FileEntry> Media);
    public sealed record TableEntry(string Context, string Entity, string Path, long Rows, string Sha256);
    public sealed record FileEntry(string Name, string Path, string Sha256);

    /// <summary>Writes the archive to <paramref name="file"/> (through a temporary file, so a failed export leaves nothing half-written).</summary>
    public async Task<Manifest> ExportAsync(string file, CancellationToken ct = default)
    {
        var temporary = file + ".tmp";
        var manifest = new Manifest(Format, FormatVersion, DateTime.UtcNow, [], []);
        File.Delete(temporary);
        try
        {
            await WriteAsync(temporary, manifest, ct);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        File.Move(temporary, file, overwrite: true);
        return manifest;
    }

    private async Task WriteAsync(string temporary, Manifest manifest, CancellationToken ct)
    {
        await using (var scope = services.CreateAsyncScope())
        using (var zip = ZipFile.Open(temporary, ZipArchiveMode.Create))
        {
            foreach (var (name, db) in Contexts(scope.ServiceProvider))
                await using (db)
                    foreach (var entity in InsertOrder(db))
                    {
                        var path = $"tables/{name}/{entity.ClrType.Name}.jsonl";
                        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
                        await using var stream = entry.Open();
                        var (rows, hash) = await (Task<(long, string)>)typeof(SiteArchive).GetMethod(nameof(ExportTableAsync), BindingFlags.NonPublic | BindingFlags.Static)!
                            .MakeGenericMethod(entity.ClrType).Invoke(null, [db, stream, ct])!;
                        manifest.Tables.Add(new TableEntry(name, entity.ClrType.Name, path, rows, hash));
                    }
            if (Directory.Exists(site.MediaPath))
                foreach (var media in Directory.EnumerateFiles(site.MediaPath, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var relative = Path.GetRelativePath(site.MediaPath, media).Replace('\\', '/');
                    // Thumbnails are made again on demand.
                    if (relative.StartsWith("thumbs/", StringComparison.Ordinal)) continue;
                    var path = "media/" + relative;
                    zip.CreateEntryFromFile(media, path, CompressionLevel.Optimal);
                    await using var read = File.OpenRead(media);
                    manifest.Media.Add(new FileEntry(relative, path, Convert.ToHexStringLower(await SHA256.HashDataAsync(read, ct))));
                }
            var manifestEntry = zip.CreateEntry(ManifestPath);
            await using (var stream = manifestEntry.Open())
                await JsonSerializer.SerializeAsync(stream, manifest, Json, ct);
        }
    }

    /// <summary>Restores an archive into an empty database; throws <see cref="ArchiveException"/> (Danish) and changes nothing when it cannot.</summary>
    public async Task<Manifest> ImportAsync(string file, CancellationToken ct = default)
    {
        if (!File.Exists(file)) throw new ArchiveException($"Filen «{file}» findes ikke.");
        ZipArchive zip;
        try { zip = ZipFile.OpenRead(file); }
        catch (InvalidDataException) { throw new ArchiveException($"«{Path.GetFileName(file)}» er ikke et Videnscenter-arkiv: filen er ikke en gyldig zip-fil, eller den er beskadiget."); }
        using (zip)
        {
            var manifest = await ReadManifestAsync(zip, file, ct);
            await using (var scope = services.CreateAsyncScope())
                await VerifyAsync(zip, manifest, scope.ServiceProvider, ct);

            // Checked: now the database. Migrate, and only fill it if nothing is there.
            await services.MigrateContentAsync(ct);
            await using var scope2 = services.CreateAsyncScope();
            var sp = scope2.ServiceProvider;
            foreach (var step in sp.GetServices<IStartupStep>()) await step.MigrateAsync(sp, ct);
            if (await sp.GetRequiredService<ContentDbContext>().Items.AnyAsync(ct)
                || await sp.GetRequiredService<IdentityStoreDbContext>().Users.AnyAsync(ct))
                throw new ArchiveException("Databasen er ikke tom. Et arkiv indlæses kun i en tom database; opret en ny database, og prøv igen.");

            foreach (var (name, db) in Contexts(sp))
                await using (db)
                    foreach (var entity in InsertOrder(db))
                    {
                        var table = manifest.Tables.First(t => t.Context == name && t.Entity == entity.ClrType.Name);
                        await using var stream = zip.GetEntry(table.Path)!.Open();
                        await (Task)typeof(SiteArchive).GetMethod(nameof(ImportTableAsync), BindingFlags.NonPublic | BindingFlags.Static)!
                            .MakeGenericMethod(entity.ClrType).Invoke(null, [db, stream, ct])!;
                        await ResetIdentityAsync(db, entity, ct);
                    }
            foreach (var media in manifest.Media)
            {
                var target = Path.GetFullPath(Path.Combine(site.MediaPath, media.Name));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                zip.GetEntry(media.Path)!.ExtractToFile(target, overwrite: true);
            }
            return manifest;
        }
    }

    private static async Task<Manifest> ReadManifestAsync(ZipArchive zip, string file, CancellationToken ct)
    {
        var foreign = $"«{Path.GetFileName(file)}» er ikke et eksportarkiv fra Videnscenter (det mangler en gyldig {ManifestPath}).";
        if (zip.GetEntry(ManifestPath) is not { } entry) throw new ArchiveException(foreign);
        Manifest? manifest;
        try
        {
            await using var stream = entry.Open();
            manifest = await JsonSerializer.DeserializeAsync<Manifest>(stream, Json, ct);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException) { throw new ArchiveException(foreign); }
        if (manifest is null || manifest.Format != Format || manifest.Tables is null || manifest.Media is null) throw new ArchiveException(foreign);
        if (manifest.Version > FormatVersion)
            throw new ArchiveException($"Arkivet er lavet af en nyere version af Videnscenter (format {manifest.Version}); denne version kan læse format {FormatVersion}.");
        return manifest;
    }

    /// <summary>Every file named, present, unchanged (SHA-256) and every row readable as its table's row; every table of this version present.</summary>
    private async Task VerifyAsync(ZipArchive zip, Manifest manifest, IServiceProvider sp, CancellationToken ct)
    {
        foreach (var (name, db) in Contexts(sp))
            await using (db)
                foreach (var entity in InsertOrder(db))
                {
                    var table = manifest.Tables.FirstOrDefault(t => t.Context == name && t.Entity == entity.ClrType.Name)
                                ?? throw new ArchiveException($"Arkivet mangler tabellen {name}/{entity.ClrType.Name}.");
                    var rows = 0L;
                    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    try
                    {
                        await using var stream = zip.GetEntry(table.Path)?.Open() ?? throw new ArchiveException($"Arkivet mangler filen {table.Path}.");
                        using var reader = new StreamReader(stream, Encoding.UTF8);
                        while (await reader.ReadLineAsync(ct) is { } line)
                        {
                            hash.AppendData(Encoding.UTF8.GetBytes(line + "\n"));
                            if (line.Length == 0) continue;
                            _ = JsonSerializer.Deserialize(line, entity.ClrType, Json) ?? throw new JsonException("tom række");
                            rows++;
                        }
                    }
                    catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
                    {
                        throw new ArchiveException($"Arkivet er beskadiget: {table.Path} kan ikke læses ({e.Message}).");
                    }
                    if (rows != table.Rows || Convert.ToHexStringLower(hash.GetHashAndReset()) != table.Sha256)
                        throw new ArchiveException($"Arkivet er beskadiget: {table.Path} er ikke den fil, der blev eksporteret.");
                }
        foreach (var media in manifest.Media)
        {
            if (media.Name.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(media.Name))
                throw new ArchiveException($"Arkivet er ikke gyldigt: mediefilen «{media.Name}» peger uden for mediemappen.");
            try
            {
                await using var stream = zip.GetEntry(media.Path)?.Open() ?? throw new ArchiveException($"Arkivet mangler mediefilen {media.Path}.");
                if (Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct)) != media.Sha256)
                    throw new ArchiveException($"Arkivet er beskadiget: mediefilen {media.Path} er ændret.");
            }
            catch (InvalidDataException)
            {
                throw new ArchiveException($"Arkivet er beskadiget: mediefilen {media.Path} kan ikke læses.");
            }
        }
    }

    /// <summary>The site's databases, in the order they are written (each context's tables principals first).</summary>
    private static IEnumerable<(string Name, DbContext Db)> Contexts(IServiceProvider sp)
    {
        // Fresh contexts each time: the caller disposes them.
        yield return ("content", ActivatorUtilities.CreateInstance<ContentDbContext>(sp, sp.GetRequiredService<DbContextOptions<ContentDbContext>>()));
        yield return ("identity", ActivatorUtilities.CreateInstance<IdentityStoreDbContext>(sp, sp.GetRequiredService<DbContextOptions<IdentityStoreDbContext>>()));
        yield return ("audit", ActivatorUtilities.CreateInstance<AuditDbContext>(sp, sp.GetRequiredService<DbContextOptions<AuditDbContext>>()));
        yield return ("registrations", ActivatorUtilities.CreateInstance<RegistrationsDbContext>(sp, sp.GetRequiredService<DbContextOptions<RegistrationsDbContext>>()));
        yield return ("media", sp.GetRequiredService<IDbContextFactory<MediaDbContext>>().CreateDbContext());
    }

    /// <summary>The context's tables with principals before dependents; the content change log is left out (see remarks).</summary>
    private static List<IEntityType> InsertOrder(DbContext db)
    {
        var types = db.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.ClrType != typeof(ContentChangeRecord)).OrderBy(t => t.ClrType.Name, StringComparer.Ordinal).ToList();
        var ordered = new List<IEntityType>();
        void Visit(IEntityType type, HashSet<IEntityType> path)
        {
            if (ordered.Contains(type) || !path.Add(type)) return;
            foreach (var fk in type.GetForeignKeys()) if (fk.PrincipalEntityType != type) Visit(fk.PrincipalEntityType, path);
            ordered.Add(type);
        }
        foreach (var type in types) Visit(type, []);
        return ordered;
    }

    private static async Task<(long, string)> ExportTableAsync<T>(DbContext db, Stream stream, CancellationToken ct) where T : class
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var rows = 0L;
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        await foreach (var row in db.Set<T>().AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            var line = JsonSerializer.Serialize(row, Json) + "\n";
            hash.AppendData(Encoding.UTF8.GetBytes(line));
            await writer.WriteAsync(line);
            rows++;
        }
        return (rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task ImportTableAsync<T>(DbContext db, Stream stream, CancellationToken ct) where T : class
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var batch = new List<T>(Chunk);
        while (true)
        {
            var line = await reader.ReadLineAsync(ct);
            if (line is { Length: > 0 }) batch.Add(JsonSerializer.Deserialize<T>(line, Json)!);
            if (batch.Count == Chunk || (line is null && batch.Count > 0))
            {
                db.Set<T>().AddRange(batch);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                batch.Clear();
            }
            if (line is null) return;
        }
    }

    /// <summary>PostgreSQL identity columns do not move on when ids are given: set them past the imported rows.</summary>
    private static async Task ResetIdentityAsync(DbContext db, IEntityType entity, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        var key = entity.FindPrimaryKey();
        if (key is not { Properties: [var id] } || id.ValueGenerated != ValueGenerated.OnAdd || id.ClrType != typeof(int) && id.ClrType != typeof(long)) return;
        var table = entity.GetTableName();
        var column = id.GetColumnName();
        // Names from our own EF model, not from the archive.
        var sql = $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)";
        await db.Database.ExecuteSqlRawAsync(sql, ct);
    }
}

/// <summary>An archive that cannot be exported or imported, with the reason in Danish for the operator.</summary>
public sealed class ArchiveException(string message) : Exception(message);

/// <summary>The "export FILE" and "import FILE" commands.</summary>
public static class SiteArchiveCommands
{
    public const string Export = "export";
    public const string Import = "import";

    /// <summary>The archive file named after the command.</summary>
    private static string? FileArgument(string[] args, string command) =>
        args.SkipWhile(a => a != command).Skip(1).FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('='));

    /// <summary>
    /// The arguments for the host's configuration: without the archive's file name, which the
    /// command-line configuration would read as a "/switch" (an absolute path) and pair with the next setting.
    /// </summary>
    public static string[] HostArgs(string[] args, string? command)
    {
        if (command is not (Export or Import) || FileArgument(args, command) is not { } file) return args;
        var at = Array.IndexOf(args, file, Array.IndexOf(args, command));
        return [.. args.Where((_, i) => i != at)];
    }

    public static async Task<int> RunAsync(IServiceProvider services, SiteOptions site, string command, string[] args)
    {
        var file = FileArgument(args, command);
        if (file is null)
        {
            Console.Error.WriteLine($"Angiv filen: dotnet run --project src/Videnscenter.Web -- {command} FIL.zip");
            return 2;
        }
        var archive = new SiteArchive(services, site);
        try
        {
            if (command == Export)
            {
                // No start-up work runs for an export, but the tables must be there to be read.
                var manifest = await archive.ExportAsync(Path.GetFullPath(file));
                Console.WriteLine($"Eksporteret til {file}: {manifest.Tables.Sum(t => t.Rows)} rækker i {manifest.Tables.Count} tabeller og {manifest.Media.Count} mediefiler.");
            }
            else
            {
                await using var startupLock = await Cluster.StartupLock.AcquireAsync(site.ConnectionString,
                    services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SiteArchive)));
                var manifest = await archive.ImportAsync(Path.GetFullPath(file));
                Console.WriteLine($"Indlæst fra {file}: {manifest.Tables.Sum(t => t.Rows)} rækker og {manifest.Media.Count} mediefiler. Søgeindekset bygges ved næste start.");
            }
            return 0;
        }
        catch (ArchiveException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
