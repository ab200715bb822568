using Microsoft.EntityFrameworkCore;
using Videnscenter.Content.Storage;
using Videnscenter.Content.Tests.Harness;
using Videnscenter.Web.Recoveryskolen;

namespace Videnscenter.Web.Tests.Recoveryskolen;

/// <summary>A fresh test database (see <see cref="TestDatabase"/>) with the registration store's migrations applied.</summary>
public sealed class RegistrationDatabase : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private RegistrationDatabase(TestDatabase database) => _database = database;

    public string ConnectionString => _database.ConnectionString;

    public static async Task<RegistrationDatabase> CreateAsync(DatabaseKind kind)
    {
        var database = new RegistrationDatabase(await TestDatabase.CreateAsync(kind));
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

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
