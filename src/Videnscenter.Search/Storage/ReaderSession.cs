using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Videnscenter.Search.Storage;

/// <summary>
/// A pooled read connection with its prepared statements, so a search re-uses compiled statements
/// instead of preparing them again for every request. Used by one thread at a time.
/// </summary>
internal sealed class ReaderSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);

    public ReaderSession(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>Set when a statement failed, so the session is closed rather than pooled.</summary>
    public bool Broken { get; set; }

    /// <summary>The read transaction in progress, if any (every command joins it).</summary>
    public SqliteTransaction? Transaction { get; private set; }

    /// <summary>
    /// Starts a read transaction, so that all statements of one search see the same snapshot (a
    /// document re-published meanwhile with another audience cannot slip between the match query and
    /// the fetch of the page). Dispose the result to end it.
    /// </summary>
    public ReadScope BeginRead()
    {
        Transaction = Connection.BeginTransaction(deferred: true);
        return new ReadScope(this);
    }

    /// <summary>A new, unprepared command in the current transaction (for statements built per call).</summary>
    public SqliteCommand CreateCommand(string sql)
    {
        SqliteCommand command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }

    private void EndRead()
    {
        SqliteTransaction? transaction = Transaction;
        Transaction = null;
        if (transaction is not null)
        {
            try
            {
                transaction.Commit();
            }
            finally
            {
                transaction.Dispose();
            }
        }
    }

    /// <summary>Ends the read transaction of <see cref="BeginRead"/>.</summary>
    public readonly struct ReadScope(ReaderSession session) : IDisposable
    {
        public void Dispose() => session.EndRead();
    }

    /// <summary>
    /// A command for <paramref name="sql"/>, prepared once per session; its parameters are cleared.
    /// Only use with SQL text from a fixed set (never built from user input).
    /// </summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out SqliteCommand? command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            if (_commands.Count > 64)
            {
                // Only dynamic statements (IN lists of page sizes) could grow this; keep it bounded.
                foreach (SqliteCommand old in _commands.Values)
                {
                    old.Dispose();
                }

                _commands.Clear();
            }

            _commands[sql] = command;
        }

        command.Parameters.Clear();
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>
    /// A raw SQLite statement for <paramref name="sql"/> (a constant), prepared once per session: for the
    /// one loop that reads every matching row, where the ADO.NET reader's per-row overhead would cost
    /// as much as the query itself. Reset it after use (<see cref="Reset"/>).
    /// </summary>
    public sqlite3_stmt Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out sqlite3_stmt? statement))
        {
            int rc = raw.sqlite3_prepare_v2(Connection.Handle, sql, out sqlite3_stmt? prepared);
            if (rc != raw.SQLITE_OK || prepared is null)
            {
                prepared?.Dispose();
                SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_OK ? raw.SQLITE_ERROR : rc, Connection.Handle);
                throw new InvalidOperationException("unreachable");
            }

            statement = prepared;
            _statements[sql] = statement;
        }

        return statement;
    }

    /// <summary>Throws the connection's error when a raw call did not return one of the expected codes.</summary>
    public void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            SqliteException.ThrowExceptionForRC(rc, Connection.Handle);
        }
    }

    /// <summary>Resets a raw statement and clears its bindings.</summary>
    public static void Reset(sqlite3_stmt statement)
    {
        raw.sqlite3_reset(statement);
        raw.sqlite3_clear_bindings(statement);
    }

    public void Dispose()
    {
        foreach (sqlite3_stmt statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        foreach (SqliteCommand command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }
}
