using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Videnscenter.Content.Storage;

/// <summary>
/// Chooses the database from the connection string: PostgreSQL when it names a host
/// (<c>Host=…</c>), otherwise an SQLite file (the embedded default).
/// </summary>
public static class DatabaseProvider
{
    public static bool IsPostgres(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase);

    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, string connectionString, string historyTable)
    {
        if (IsPostgres(connectionString))
            options.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(historyTable));
        else
            options.UseSqlite(connectionString, o => o.MigrationsHistoryTable(historyTable));

        // Migrations are written by hand (EF's design-time tools cannot be restored here), so there
        // is no model snapshot for EF to compare with; the migration tests check the schema instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return options;
    }

    /// <summary>The SQLite connection string for a file under the data folder.</summary>
    public static string SqliteFile(string path) => $"Data Source={path}";
}
