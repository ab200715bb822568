using Microsoft.Data.Sqlite;
using Npgsql;
using Videnscenter.Content.Storage;

namespace Videnscenter.Web.Cluster;

/// <summary>
/// Held while a node migrates the database and runs the recipe, so two nodes starting together on
/// an empty database seed it exactly once: the second waits, then finds the work done.
/// PostgreSQL: a session advisory lock on its own connection (released when that connection ends,
/// also if the process dies). SQLite is one machine: an exclusive lock file next to the database.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    /// <summary>Any fixed number, distinct from <see cref="ContentChangeLog.WriterLockKey"/>.</summary>
    public const long PostgresKey = 0x5643_0002;

    private readonly NpgsqlConnection? _connection;
    private readonly FileStream? _file;

    private StartupLock(NpgsqlConnection? connection, FileStream? file)
    {
        _connection = connection;
        _file = file;
    }

    public static async Task<StartupLock> AcquireAsync(string connectionString, ILogger log, CancellationToken ct = default)
    {
        if (DatabaseProvider.IsPostgres(connectionString))
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgresKey})", connection);
            // No timeout: the holder is migrating and seeding; it ends by finishing or by dying.
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(ct);
            return new StartupLock(connection, null);
        }

        var database = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var path = Path.GetFullPath(database) + ".startup-lock";
        var waited = false;
        while (true)
        {
            try
            {
                var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                return new StartupLock(null, file);
            }
            catch (IOException)
            {
                if (!waited) log.LogInformation("Waiting for another process to finish starting on the same database");
                waited = true;
                await Task.Delay(200, ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await using (var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({PostgresKey})", _connection))
                await command.ExecuteNonQueryAsync();
            await _connection.DisposeAsync();
        }
        if (_file is not null) await _file.DisposeAsync();
    }
}
