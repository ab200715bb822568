using Microsoft.Data.Sqlite;
using Videnscenter.Search.Indexing;
using Videnscenter.Search.Querying;
using Videnscenter.Search.Storage;

namespace Videnscenter.Search;

/// <summary>
/// The site's search index: an SQLite file with FTS5 over Danish-analysed text, rebuildable from the
/// content store at any time. Thread-safe: searches run concurrently (a pool of read connections,
/// WAL mode), writes are serialised, and a rebuild is built in a separate file and swapped in.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    private readonly string _path;
    private readonly object _writeLock = new();
    private readonly ReaderWriterLockSlim _swapGate = new(LockRecursionPolicy.NoRecursion);
    private IndexStore _store;
    private volatile bool _needsRebuild;
    private bool _disposed;

    private SearchIndex(string path, IndexStore store, bool needsRebuild)
    {
        _path = path;
        _store = store;
        _needsRebuild = needsRebuild;
    }

    /// <summary>
    /// Opens the index file, creating it when missing. When the file was missing, is not a readable
    /// index, or was built with another analyzer or schema version, it is recreated empty and
    /// <see cref="NeedsRebuild"/> is true: the host should then call <see cref="Rebuild"/>.
    /// </summary>
    public static SearchIndex Open(string filePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        string path = Path.GetFullPath(filePath);
        DeleteLeftoverRebuildFiles(path);
        IndexStore store = IndexStore.Open(path, out bool recreated);
        return new SearchIndex(path, store, recreated);
    }

    /// <summary>True when the index was (re)created empty or found damaged and must be rebuilt.</summary>
    public bool NeedsRebuild => _needsRebuild;

    /// <summary>Number of indexed documents (all audiences).</summary>
    public int Count => Read(session =>
    {
        using SqliteCommand command = session.CreateCommand("SELECT count(*) FROM docs");
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    });

    /// <summary>Adds or replaces one document.</summary>
    public void Upsert(SearchDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        Upsert([doc]);
    }

    /// <summary>Adds or replaces documents in one transaction (analysis runs on several threads).</summary>
    public void Upsert(IEnumerable<SearchDocument> docs)
    {
        ArgumentNullException.ThrowIfNull(docs);
        Write(writer => writer.UpsertAll(docs));
    }

    /// <summary>Removes the document with this id (nothing happens when there is none).</summary>
    public void Delete(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        Write(writer => writer.Delete(id));
    }

    /// <summary>Removes every document whose id starts with <paramref name="idPrefix"/>, e.g. all slides "guid#".</summary>
    public void DeleteByPrefix(string idPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(idPrefix);
        Write(writer => writer.DeleteByPrefix(idPrefix));
    }

    /// <summary>
    /// Replaces the whole index with <paramref name="all"/>: builds a new file next to the current one
    /// (searches keep using the old one meanwhile), then swaps it in. Uses the same code path as
    /// <see cref="Upsert(IEnumerable{SearchDocument})"/>, so both give identical results.
    /// </summary>
    public void Rebuild(IEnumerable<SearchDocument> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            string temporary = _path + ".rebuild-" + Guid.NewGuid().ToString("N");
            try
            {
                IndexStore.CreateEmpty(temporary, bulk: true);
                DocumentInfoTable documents;
                using (IndexStore building = IndexStore.OpenForBulkLoad(temporary))
                {
                    using (var writer = new IndexWriter(building.Writer))
                    {
                        writer.UpsertAll(all);
                        writer.Commit();
                    }

                    documents = building.FinishBulkLoad();
                }

                _swapGate.EnterWriteLock();
                try
                {
                    _store.Dispose();
                    IndexStore.DeleteFiles(_path);
                    File.Move(temporary, _path);
                    _store = IndexStore.Open(_path, out bool recreated, documents);
                    _needsRebuild = recreated;
                }
                finally
                {
                    _swapGate.ExitWriteLock();
                }
            }
            finally
            {
                IndexStore.DeleteFiles(temporary);
            }
        }
    }

    /// <summary>Searches as <see cref="SearchRequest.Reader"/> may see.</summary>
    public SearchResult Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Read(session => SearchExecutor.Run(_store, session, request));
    }

    /// <summary>Up to <paramref name="max"/> completions (titles, then words) from documents the reader may see.</summary>
    public IReadOnlyList<string> Autocomplete(string prefix, Audience reader, int max = 8) =>
        Read(session => Querying.Autocomplete.Run(session, prefix, reader, max));

    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _swapGate.EnterWriteLock();
            try
            {
                _disposed = true;
                _store.Dispose();
            }
            finally
            {
                _swapGate.ExitWriteLock();
            }
        }

        _swapGate.Dispose();
    }

    private T Read<T>(Func<ReaderSession, T> action)
    {
        _swapGate.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            IndexStore store = _store;
            ReaderSession session = store.RentReader();
            try
            {
                return action(session);
            }
            catch (SqliteException exception)
            {
                session.Broken = true;
                NoteDamage(exception);
                throw;
            }
            finally
            {
                store.ReturnReader(session);
            }
        }
        finally
        {
            _swapGate.ExitReadLock();
        }
    }

    private void Write(Action<IndexWriter> action)
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var writer = new IndexWriter(_store.Writer);
                action(writer);
                writer.Commit();
                _store.Documents.Apply(writer.Added, writer.Removed);
            }
            catch (SqliteException exception)
            {
                NoteDamage(exception);
                throw;
            }
        }
    }

    /// <summary>A damaged file is reported through <see cref="NeedsRebuild"/> (the host rebuilds it).</summary>
    private void NoteDamage(SqliteException exception)
    {
        const int SqliteCorrupt = 11;
        const int SqliteNotADatabase = 26;
        if ((exception.SqliteErrorCode & 0xFF) is SqliteCorrupt or SqliteNotADatabase)
        {
            _needsRebuild = true;
        }
    }

    private static void DeleteLeftoverRebuildFiles(string path)
    {
        string? directory = Path.GetDirectoryName(path);
        if (directory is null || !Directory.Exists(directory))
        {
            return;
        }

        foreach (string file in Directory.EnumerateFiles(directory, Path.GetFileName(path) + ".rebuild-*"))
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Another process may still be building it; leave it.
            }
        }
    }
}
