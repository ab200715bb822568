using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Videnscenter.Content.Storage;
using Videnscenter.Content.Tests.Harness;
using Videnscenter.Media.Library;

namespace Videnscenter.Media.Tests.Harness;

/// <summary>The media library on a fresh SQLite file and a fresh folder.</summary>
public sealed class MediaHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TestDatabase? _postgres;

    private MediaHost(string folder, ServiceProvider services, TestDatabase? postgres)
    {
        Folder = folder;
        _services = services;
        _postgres = postgres;
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
        // The SQLite file lives in the host's folder and goes with it.
        var database = postgres ? await TestDatabase.CreateAsync(DatabaseKind.Postgres) : null;
        var connectionString = database?.ConnectionString ?? DatabaseProvider.SqliteFile(Path.Combine(folder, "test.db")) + ";Pooling=False";
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddMediaLibrary(connectionString, options)
            .BuildServiceProvider();
        await services.MigrateMediaAsync();
        return new MediaHost(folder, services, database);
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
        if (_postgres is not null) await _postgres.DisposeAsync();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}
