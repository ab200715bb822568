using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content.Storage;
using Videnscenter.Web.Recoveryskolen;
using Videnscenter.Web.Tests.Harness;

namespace Videnscenter.Web.Tests.Caching;

/// <summary>Counts the SQL commands the site's content and registration contexts send, and the time they take.</summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private int _commands;
    private long _ticks;
    private readonly List<string> _texts = [];

    public int Commands => Volatile.Read(ref _commands);
    public TimeSpan Time => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public IReadOnlyList<string> Texts
    {
        get { lock (_texts) return [.. _texts]; }
    }

    public void Reset()
    {
        Volatile.Write(ref _commands, 0);
        Interlocked.Exchange(ref _ticks, 0);
        lock (_texts) _texts.Clear();
    }

    private void Count(DbCommand command, CommandExecutedEventData data)
    {
        Interlocked.Increment(ref _commands);
        Interlocked.Add(ref _ticks, data.Duration.Ticks);
        lock (_texts) _texts.Add(command.CommandText);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Count(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Count(command, eventData);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Count(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Count(command, eventData);
        return ValueTask.FromResult(result);
    }
}

/// <summary>The real site with a <see cref="QueryCounter"/> on its databases.</summary>
public sealed class CountingSite : SiteFactory
{
    public QueryCounter Queries { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureDbContext<ContentDbContext>(o => o.AddInterceptors(Queries));
            services.ConfigureDbContext<RegistrationsDbContext>(o => o.AddInterceptors(Queries));
        });
    }
}
