using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Videnscenter.Content.Storage;
using Videnscenter.Media.Library;

namespace Videnscenter.Media.Tests.Harness;

/// <summary>The media library on a fresh SQLite file and a fresh folder.</summary>
public sealed class MediaHost : IAsyncDisposable
{
    public const string PostgresVariable = "VIDENSCENTER_TEST_POSTGRES";

    private readonly ServiceProvider _services;
    private readonly Func<Task> _dropDatabase;

    private MediaHost(string folder, ServiceProvider services, Func<Task> dropDatabase)
    {
        Folder = folder;
        _services = services;
        _dropDatabase = dropDatabase;
    }

    public string Folder { get; }
    public MediaOptions Options => _services.GetRequiredService<MediaOptions>();
    public MediaLibrary Library => _services.GetRequiredService<MediaLibrary>();
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <param name="postgres">On a new PostgreSQL database (./test.sh starts a server) instead of an SQLite file.</param>
    public static async Task<MediaHost> StartAsync(Func<MediaOptions, MediaOptions>? configure = null, bool postgres = false)
    {
        var folder = Directory.CreateTempSubdirectory("videnscenter-media-").FullName;
        var options = new MediaOptions { RootPath = Path.Combine(folder, "media") };
        if (configure is not null) options = configure(options);
        var (connectionString, drop) = postgres
            ? await CreatePostgresDatabaseAsync()
            : (DatabaseProvider.SqliteFile(Path.Combine(folder, "test.db")) + ";Pooling=False", () => Task.CompletedTask);
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddMediaLibrary(connectionString, options)
            .BuildServiceProvider();
        await services.MigrateMediaAsync();
        return new MediaHost(folder, services, drop);
    }

    private static async Task<(string ConnectionString, Func<Task> Drop)> CreatePostgresDatabaseAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable)
                    ?? throw new InvalidOperationException($"{PostgresVariable} er ikke sat; kør testene med ./test.sh.");
        var name = $"vc_media_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return (new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(admin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        });
    }

    /// <summary>The files in the media folder (thumbnails and temp files included), by name.</summary>
    public IReadOnlyList<string> FilesOnDisk() => Directory.Exists(Options.RootPath)
        ? Directory.EnumerateFiles(Options.RootPath, "*", SearchOption.AllDirectories).Select(Path.GetFileName).OfType<string>().Order().ToList()
        : [];

    public Task<MediaResult> UploadAsync(string name, byte[] content, string? alt = null) =>
        Library.UploadAsync(new MediaUpload(name, new MemoryStream(content), content.LongLength, alt), "test");

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _dropDatabase();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}

/// <summary>A test that needs PostgreSQL: skipped, with the reason shown, unless ./test.sh started one.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(MediaHost.PostgresVariable) is null)
            Skip = $"{MediaHost.PostgresVariable} er ikke sat: kør ./test.sh, der starter en PostgreSQL.";
    }
}
