using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace Videnscenter.Search.Index;

/// <summary>
/// The index directory on disk, each file read into memory once when a reader first opens it and
/// served from there afterwards; writing, syncing and deleting go to the disk as usual.
/// <para>
/// Why: Lucene never changes a file it has written (only segments.gen is rewritten, and it is read
/// from disk), so a file's bytes can be kept once read. The alternatives in Lucene.Net
/// 4.8.0-beta00017 each cost a search page a fifth of its CPU: MMapDirectory (what FSDirectory.Open
/// picks) reads byte by byte through MemoryMappedViewAccessor and registers every clone in a
/// ConditionalWeakTable (apache/lucenenet#1151, fixed only after beta00017), and NIOFSDirectory
/// makes a read system call for every 1 KB buffer it refills, which on a term look-up or a stored
/// document is nearly every read. RAMDirectory would keep the files in memory too but loses what is
/// not on disk. Files over <see cref="MaxFileBytes"/>, and reads once the
/// <see cref="MaxCachedBytes"/> budget is used, fall back to NIOFSDirectory's file reads, so a very
/// large index does not move wholesale into the managed heap; merges read from disk.
/// </para>
/// </summary>
internal sealed class InMemoryReadDirectory(DirectoryInfo path) : NIOFSDirectory(path)
{
    /// <summary>Files up to this size are kept in memory.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>At most this many bytes are kept in memory per index.</summary>
    public const long MaxCachedBytes = 256L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, RAMFile> _files = new(StringComparer.Ordinal);
    private long _cachedBytes;

    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        if (context.Context == IOContext.UsageContext.MERGE || name == IndexFileNames.SEGMENTS_GEN || name == IndexWriter.WRITE_LOCK_NAME)
        {
            return base.OpenInput(name, context);
        }

        if (_files.TryGetValue(name, out var cached))
        {
            return new RAMInputStream(name, cached);
        }

        var length = FileLength(name);
        if (length > MaxFileBytes || Interlocked.Read(ref _cachedBytes) + length > MaxCachedBytes)
        {
            return base.OpenInput(name, context);
        }

        var file = new RAMFile();
        using (var input = base.OpenInput(name, IOContext.READ_ONCE))
        using (var output = new RAMOutputStream(file))
        {
            output.CopyBytes(input, input.Length);
        }

        if (_files.TryAdd(name, file))
        {
            Interlocked.Add(ref _cachedBytes, file.Length);
            return new RAMInputStream(name, file);
        }

        return new RAMInputStream(name, _files[name]);
    }

    public override void DeleteFile(string name)
    {
        if (_files.TryRemove(name, out var file))
        {
            Interlocked.Add(ref _cachedBytes, -file.Length);
        }

        base.DeleteFile(name);
    }

    protected override void Dispose(bool disposing)
    {
        _files.Clear();
        Interlocked.Exchange(ref _cachedBytes, 0);
        base.Dispose(disposing);
    }
}
