using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Videnscenter.Search.Storage;

/// <summary>
/// One open index file: a pool of read sessions (searches run concurrently, each on its own
/// connection; WAL lets them read while the writer writes) and one writer connection.
/// </summary>
internal sealed class IndexStore : IDisposable
{
    private const int MaxIdleReaders = 16;

    private readonly ConcurrentBag<ReaderSession> _idleReaders = [];
    private readonly ConcurrentDictionary<long, (string Name, string Value)> _facetValues = new();
    private SqliteConnection? _writer;
    private bool _disposed;

    private IndexStore(string path) => FilePath = path;

    /// <summary>The in-memory copy of the <c>docs</c> rows (empty for a store opened for bulk loading).</summary>
    public DocumentInfoTable Documents { get; private set; } = new();

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// Opens the index at <paramref name="path"/>. When the file is missing, unreadable, damaged or of
    /// another schema/analyzer version, it is replaced by an empty index and <paramref name="recreated"/>
    /// is true. <paramref name="documents"/>: the file's documents when already loaded (a rebuilt file).
    /// </summary>
    public static IndexStore Open(string path, out bool recreated, DocumentInfoTable? documents = null)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        recreated = !File.Exists(path) || !IsUsable(path);
        if (recreated)
        {
            DeleteFiles(path);
            CreateEmpty(path, bulk: false);
        }

        var store = new IndexStore(path);
        store.Documents = !recreated && documents is not null ? documents : DocumentInfoTable.Load(store.Writer);
        return store;
    }

    /// <summary>Creates a new index file (which must not exist) with all tables.</summary>
    public static void CreateEmpty(string path, bool bulk)
    {
        using SqliteConnection connection = Connect(path, SqliteOpenMode.ReadWriteCreate);
        IndexSchema.Execute(connection, bulk
            ? "PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF;"
            : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        IndexSchema.Create(connection);
    }

    /// <summary>Opens an existing file for writing (used to fill a new file before it is swapped in).</summary>
    public static IndexStore OpenForBulkLoad(string path)
    {
        var store = new IndexStore(path);
        store._writer = Connect(path, SqliteOpenMode.ReadWrite);
        // A bigger FTS5 pending-terms buffer (16 MB instead of 1 MB) means fewer, larger segments to merge.
        IndexSchema.Execute(store._writer, """
            PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-262144;
            INSERT INTO fts(fts, rank) VALUES('hashsize', 16777216);
            INSERT INTO tri(tri, rank) VALUES('hashsize', 16777216);
            """);
        return store;
    }

    /// <summary>
    /// Merges the main FTS5 index of a bulk-loaded file into one segment (fewer to read per query),
    /// switches it to WAL mode and closes it; returns its documents, so that the swap need not read
    /// them again while searches wait.
    /// </summary>
    public DocumentInfoTable FinishBulkLoad()
    {
        SqliteConnection writer = Writer;
        IndexSchema.Execute(writer, "INSERT INTO fts(fts) VALUES('optimize');");
        IndexSchema.Execute(writer, "PRAGMA journal_mode=WAL;");
        DocumentInfoTable documents = DocumentInfoTable.Load(writer);
        writer.Dispose();
        _writer = null;
        return documents;
    }

    /// <summary>Deletes the database file and its WAL/SHM/journal companions, if any.</summary>
    public static void DeleteFiles(string path)
    {
        foreach (string file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>The writer connection (callers serialise writes).</summary>
    public SqliteConnection Writer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is null)
            {
                SqliteConnection connection = Connect(FilePath, SqliteOpenMode.ReadWrite);
                IndexSchema.ApplyConnectionSettings(connection, readOnly: false);
                _writer = connection;
            }

            return _writer;
        }
    }

    /// <summary>Facet value id → (name, value). Ids are never reused, so entries never go stale.</summary>
    public ConcurrentDictionary<long, (string Name, string Value)> FacetValueNames => _facetValues;

    /// <summary>Takes an idle read session or opens a new one.</summary>
    public ReaderSession RentReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idleReaders.TryTake(out ReaderSession? session))
        {
            return session;
        }

        SqliteConnection connection = Connect(FilePath, SqliteOpenMode.ReadWrite);
        IndexSchema.ApplyConnectionSettings(connection, readOnly: true);
        return new ReaderSession(connection);
    }

    /// <summary>Returns a read session to the pool (or closes it when the pool is full or the store closed).</summary>
    public void ReturnReader(ReaderSession session)
    {
        if (_disposed || session.Broken || _idleReaders.Count >= MaxIdleReaders)
        {
            session.Dispose();
            return;
        }

        _idleReaders.Add(session);
    }

    /// <summary>Closes all connections (the last close checkpoints the WAL into the file).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        while (_idleReaders.TryTake(out ReaderSession? session))
        {
            session.Dispose();
        }

        _writer?.Dispose();
        _writer = null;
    }

    private static bool IsUsable(string path)
    {
        if (!HeaderLooksComplete(path))
        {
            return false;
        }

        try
        {
            using SqliteConnection connection = Connect(path, SqliteOpenMode.ReadWrite);
            return IndexSchema.IsCurrent(connection);
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>
    /// Cheap check of the 100-byte SQLite header: the magic string, a valid page size, and a file at
    /// least as long as the page count the header records (catches garbage and truncated files without
    /// reading the whole file; deeper damage surfaces when read and sets <c>NeedsRebuild</c>).
    /// </summary>
    private static bool HeaderLooksComplete(string path)
    {
        try
        {
            using FileStream file = new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> header = stackalloc byte[100];
            if (file.Length < 100 || file.ReadAtLeast(header, 100, throwOnEndOfStream: false) < 100
                || !header[..16].SequenceEqual("SQLite format 3\0"u8))
            {
                return false;
            }

            int pageSize = (header[16] << 8) | header[17];
            pageSize = pageSize == 1 ? 65536 : pageSize;
            if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
            {
                return false;
            }

            uint changeCounter = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header[24..]);
            uint pages = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header[28..]);
            uint validFor = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header[92..]);
            return pages == 0 || validFor != changeCounter || file.Length >= (long)pages * pageSize;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        return connection;
    }
}
