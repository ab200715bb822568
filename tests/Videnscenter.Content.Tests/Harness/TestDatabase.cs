using Npgsql;

namespace Videnscenter.Content.Tests.Harness;

/// <summary>A fresh, empty database for one test: an SQLite file, or a new PostgreSQL database.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "VIDENSCENTER_TEST_POSTGRES";

    private readonly Func<Task> _drop;

    private TestDatabase(string connectionString, Func<Task> drop)
    {
        ConnectionString = connectionString;
        _drop = drop;
    }

    public string ConnectionString { get; }

    public static Task<TestDatabase> CreateAsync(DatabaseKind kind) =>
        kind == DatabaseKind.Sqlite ? Task.FromResult(Sqlite()) : PostgresAsync();

    private static TestDatabase Sqlite()
    {
        var file = Path.Combine(Path.GetTempPath(), $"videnscenter-test-{Guid.NewGuid():N}.db");
        return new TestDatabase($"Data Source={file};Pooling=False", () =>
        {
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
            return Task.CompletedTask;
        });
    }

    private static async Task<TestDatabase> PostgresAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable)
                    ?? throw new InvalidOperationException($"{PostgresVariable} er ikke sat; kør testene med ./test.sh.");
        var name = $"vc_test_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(builder.ConnectionString, async () =>
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

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A test that needs PostgreSQL. ./test.sh starts one and sets the variable; a plain `dotnet test`
/// without it skips these with the reason shown.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable) is null)
            Skip = $"{TestDatabase.PostgresVariable} er ikke sat: kør ./test.sh, der starter en PostgreSQL.";
    }
}

public static class Databases
{
    /// <summary>
    /// The databases the store tests run on: SQLite always; PostgreSQL when ./test.sh started one,
    /// and always in CI (where a missing server must fail, not skip).
    /// </summary>
    public static TheoryData<DatabaseKind> All
    {
        get
        {
            var data = new TheoryData<DatabaseKind> { DatabaseKind.Sqlite };
            if (Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable) is not null
                || Environment.GetEnvironmentVariable("CI") is not null)
                data.Add(DatabaseKind.Postgres);
            return data;
        }
    }
}
