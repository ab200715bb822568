using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Videnscenter.Content;
using Videnscenter.Content.Storage;
using Videnscenter.Content.Tests.Harness;
using Videnscenter.Media;
using Videnscenter.Media.Library;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Accounts.Audit;
using Videnscenter.Web.Cluster;
using Videnscenter.Web.Mail;
using Videnscenter.Web.Recoveryskolen;

namespace Videnscenter.Web.Tests.Hosting;

/// <summary>
/// Our migrations are written by hand (there is no model snapshot), so nothing in EF notices when an
/// entity gains a property and nobody writes the migration. This test does: for every DbContext of
/// the site, on SQLite and PostgreSQL, it applies the migrations to one empty database, lets EF create
/// the schema straight from the model on another, and compares the two catalogues (tables, columns
/// with type and nullability, indexes, keys and foreign keys).
/// </summary>
public sealed class SchemaDriftTests
{
    public static TheoryData<DatabaseKind, string> Contexts
    {
        get
        {
            var data = new TheoryData<DatabaseKind, string>();
            foreach (var row in (IEnumerable<object[]>)Databases.All)
                foreach (var context in new[] { "content", "media", "identity", "audit", "registrations", "mail", "cluster" })
                    data.Add((DatabaseKind)row[0], context);
            return data;
        }
    }

    [Theory, MemberData(nameof(Contexts))]
    public async Task The_migrations_build_the_schema_the_model_describes(DatabaseKind kind, string context)
    {
        await using var migrated = await TestDatabase.CreateAsync(kind);
        await using var fromModel = await TestDatabase.CreateAsync(kind);

        IReadOnlyList<string> migratedSchema;
        await using (var site = SiteServices(migrated.ConnectionString))
        await using (var db = Open(site, context))
        {
            await db.Database.MigrateAsync();
            migratedSchema = await SchemaAsync(db, kind);
        }

        IReadOnlyList<string> modelSchema;
        await using (var site = SiteServices(fromModel.ConnectionString))
        await using (var db = Open(site, context))
        {
            Assert.True(await db.Database.EnsureCreatedAsync(), "EnsureCreated skulle oprette skemaet i en tom database.");
            modelSchema = await SchemaAsync(db, kind);
        }

        Assert.NotEmpty(modelSchema);
        var missing = modelSchema.Except(migratedSchema).ToList();
        var extra = migratedSchema.Except(modelSchema).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{context} på {kind}: migrationerne giver ikke det skema, modellen beskriver. Skriv en migration.\n" +
            $"Mangler efter migrationerne:\n  {string.Join("\n  ", missing)}\n" +
            $"Findes kun efter migrationerne:\n  {string.Join("\n  ", extra)}");
    }

    /// <summary>The contexts registered the way the site registers them (Identity's schema version included).</summary>
    private static ServiceProvider SiteServices(string connectionString) => new ServiceCollection()
        .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
        .AddContentEngine(connectionString)
        .AddMediaLibrary(connectionString, new MediaOptions { RootPath = Path.GetTempPath() })
        .AddAccounts(new ConfigurationBuilder().Build(), connectionString)
        .AddRecoveryskolen(connectionString)
        .AddMail(new ConfigurationBuilder().Build(), connectionString)
        .AddDbContext<ClusterDbContext>(o => o.Use(connectionString, ClusterDbContext.HistoryTable))
        .BuildServiceProvider();

    private static DbContext Open(IServiceProvider site, string context)
    {
        var scope = site.CreateScope().ServiceProvider;
        return context switch
        {
            "content" => scope.GetRequiredService<ContentDbContext>(),
            "media" => scope.GetRequiredService<IDbContextFactory<MediaDbContext>>().CreateDbContext(),
            "identity" => scope.GetRequiredService<IdentityStoreDbContext>(),
            "audit" => scope.GetRequiredService<AuditDbContext>(),
            "registrations" => scope.GetRequiredService<RegistrationsDbContext>(),
            "mail" => scope.GetRequiredService<MailDbContext>(),
            "cluster" => scope.GetRequiredService<ClusterDbContext>(),
            _ => throw new ArgumentOutOfRangeException(nameof(context), context, null),
        };
    }

    /// <summary>One line per table, column, index and constraint, sorted; the migrations' history table left out.</summary>
    private static async Task<IReadOnlyList<string>> SchemaAsync(DbContext db, DatabaseKind kind)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var lines = kind == DatabaseKind.Sqlite ? await SqliteSchemaAsync(connection) : await PostgresSchemaAsync(connection);
            return lines.Where(l => !l.Contains("Migrations", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<string>> SqliteSchemaAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", r => r.GetString(0));
        foreach (var table in tables)
        {
            lines.Add($"table {table}");
            lines.AddRange(await QueryAsync(connection,
                $"SELECT name, upper(type), \"notnull\", pk FROM pragma_table_info('{table}')",
                r => $"column {table}.{r.GetString(0)} {r.GetString(1)} {(r.GetInt64(2) == 1 ? "not null" : "null")} pk{r.GetInt64(3)}"));
            var indexes = await QueryAsync(connection,
                $"SELECT name, \"unique\", origin FROM pragma_index_list('{table}')",
                r => (Name: r.GetString(0), Unique: r.GetInt64(1) == 1, Origin: r.GetString(2)));
            foreach (var index in indexes)
            {
                var columns = await QueryAsync(connection,
                    $"SELECT name FROM pragma_index_info('{index.Name}') ORDER BY seqno", r => r.GetString(0));
                // Automatic indexes (primary and unique keys) are named by SQLite; the columns identify them.
                var name = index.Origin == "c" ? index.Name : index.Origin;
                lines.Add($"index {table} {name} ({string.Join(", ", columns)}){(index.Unique ? " unique" : "")}");
            }
            lines.AddRange(await QueryAsync(connection,
                $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')",
                r => $"foreign key {table}.{r.GetString(1)} -> {r.GetString(0)}.{r.GetString(2)} on delete {r.GetString(3)}"));
        }
        return lines;
    }

    private static async Task<List<string>> PostgresSchemaAsync(DbConnection connection)
    {
        var lines = new List<string>();
        lines.AddRange(await QueryAsync(connection,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
            r => $"table {r.GetString(0)}"));
        lines.AddRange(await QueryAsync(connection,
            """
            SELECT table_name, column_name, data_type, coalesce(character_maximum_length, 0), is_nullable, is_identity
            FROM information_schema.columns WHERE table_schema = 'public'
            """,
            r => $"column {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}({r.GetInt32(3)}) " +
                 $"{(r.GetString(4) == "YES" ? "null" : "not null")}{(r.GetString(5) == "YES" ? " identity" : "")}"));
        lines.AddRange(await QueryAsync(connection,
            "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'",
            r => $"index {r.GetString(0)} {r.GetString(1)}"));
        lines.AddRange(await QueryAsync(connection,
            """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f', 'c')
            """,
            r => $"constraint {r.GetString(0)} {r.GetString(1)} {r.GetString(2)}"));
        return lines;
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
