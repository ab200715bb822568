using Microsoft.EntityFrameworkCore;
using Npgsql;
using Videnscenter.Content.Storage;
using Videnscenter.Web.Recoveryskolen;

namespace Videnscenter.Web.Tests.Recoveryskolen;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh, migrated database for the registration store alone: an SQLite file, or a throwaway
/// PostgreSQL database on the server ./test.sh starts (VIDENSCENTER_TEST_POSTGRES).
/// </summary>
public sealed class RegistrationDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "VIDENSCENTER_TEST_POSTGRES";
    private readonly Func<Task> _drop;

    private RegistrationDatabase(string connectionString, Func<Task> drop)
    {
        ConnectionString = connectionString;
        _drop = drop;
    }

    public string ConnectionString { get; }

    /// <summary>SQLite always; PostgreSQL when ./test.sh started one, and always in CI (where a missing server must fail).</summary>
    public static TheoryData<DatabaseKind> Kinds
    {
        get
        {
            var data = new TheoryData<DatabaseKind> { DatabaseKind.Sqlite };
            if (Environment.GetEnvironmentVariable(PostgresVariable) is not null || Environment.GetEnvironmentVariable("CI") is not null)
                data.Add(DatabaseKind.Postgres);
            return data;
        }
    }

    public static async Task<RegistrationDatabase> CreateAsync(DatabaseKind kind)
    {
        var database = kind == DatabaseKind.Sqlite ? Sqlite() : await PostgresAsync();
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>A context of its own (its own connection), as each web request has.</summary>
    public RegistrationsDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<RegistrationsDbContext>();
        options.Use(ConnectionString, RegistrationsDbContext.HistoryTable);
        return new RegistrationsDbContext(options.Options);
    }

    public RegistrationStore NewStore(TimeProvider? clock = null) => new(NewContext(), clock ?? TimeProvider.System);

    private static RegistrationDatabase Sqlite()
    {
        var file = Path.Combine(Path.GetTempPath(), $"videnscenter-registrations-{Guid.NewGuid():N}.db");
        return new RegistrationDatabase($"Data Source={file};Pooling=False", () =>
        {
            foreach (var f in new[] { file, file + "-wal", file + "-shm", file + "-journal" }) File.Delete(f);
            return Task.CompletedTask;
        });
    }

    private static async Task<RegistrationDatabase> PostgresAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable)
                    ?? throw new InvalidOperationException($"{PostgresVariable} er ikke sat; kør testene med ./test.sh.");
        var name = $"vc_reg_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new RegistrationDatabase(builder.ConnectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(admin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        });
    }

    public ValueTask DisposeAsync() => new(_drop());
}
