using System.Runtime.CompilerServices;
using Lucene.Net.Facet;
using Lucene.Net.Facet.SortedSet;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Videnscenter.Search.Analysis;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Videnscenter.Search.Index;

/// <summary>
/// One Lucene index directory with its single <see cref="IndexWriter"/>, a near-real-time
/// <see cref="SearcherManager"/> and the thread that reopens it, so a write is searchable within
/// milliseconds. A rebuild makes a new generation beside the live one and swaps it in.
/// </summary>
internal sealed class IndexGeneration : IDisposable
{
    public const string AnalyzerKey = "analyzer";

    private static readonly Similarity Bm25 = new BM25Similarity();

    private readonly LuceneDirectory _directory;
    private readonly object _reopenerLock = new();
    private ControlledRealTimeReopenThread<IndexSearcher>? _reopener;
    private readonly ConditionalWeakTable<IndexReader, ReaderState> _states = new();
    private readonly Filter[] _audienceFilters;
    private readonly string _analyzerVersion;
    private bool _disposed;

    private IndexGeneration(string path, LuceneDirectory directory, IndexWriter writer, string analyzerVersion, bool bulk)
    {
        Path = path;
        _directory = directory;
        _analyzerVersion = analyzerVersion;
        Writer = writer;
        Tracking = new TrackingIndexWriter(writer);
        Searchers = new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory());

        // A bulk build is searched only once it is complete: reopening during it would flush a small
        // segment every 2 s, and merging those cost more than the whole build (see StartReopening).
        if (!bulk)
        {
            StartReopening();
        }

        _audienceFilters =
        [
            .. Enum.GetValues<Audience>().Select(reader => (Filter)new CachingWrapperFilter(new QueryWrapperFilter(AudienceQuery(reader)))),
        ];
    }

    public string Path { get; }

    public IndexWriter Writer { get; }

    public TrackingIndexWriter Tracking { get; }

    public SearcherManager Searchers { get; }

    /// <summary>Documents a reader of this level may see (cached per segment); null when that is every document.</summary>
    public Filter? AudienceFilter(Audience reader) => reader == Audience.Medarbejder ? null : _audienceFilters[(int)reader];

    /// <summary>
    /// Starts the thread that reopens the searchers: at once when a writer waits for its change to
    /// be visible, else at least every 2 s. A bulk generation starts it when its documents are in.
    /// </summary>
    public void StartReopening()
    {
        lock (_reopenerLock)
        {
            if (_reopener is not null || _disposed)
            {
                return;
            }

            _reopener = new ControlledRealTimeReopenThread<IndexSearcher>(Tracking, Searchers, targetMaxStaleSec: 2.0, targetMinStaleSec: 0.0)
            {
                IsBackground = true,
                Name = "search-nrt-reopen",
            };
            _reopener.Start();
        }
    }

    /// <summary>
    /// After a bulk build: later writes are single publishes, so they get the live index's small RAM
    /// buffer and compound files again (a bulk build skips both, see <see cref="Config"/>).
    /// </summary>
    public void EndBulk()
    {
        Writer.Config.RAMBufferSizeMB = LiveRamBufferMB;
        Writer.Config.UseCompoundFile = true;
        if (Writer.Config.MergePolicy is TieredMergePolicy merges)
        {
            merges.NoCFSRatio = LiveNoCfsRatio;
        }
    }

    /// <summary>The index files (see <see cref="InMemoryReadDirectory"/> for why not FSDirectory.Open).</summary>
    private static FSDirectory OpenDirectory(string path) => new InMemoryReadDirectory(new System.IO.DirectoryInfo(path));

    /// <summary>Creates an empty index in <paramref name="path"/> (a new directory).</summary>
    public static IndexGeneration Create(string path, DanishAnalysis analysis, bool bulk = false)
    {
        System.IO.Directory.CreateDirectory(path);
        var directory = OpenDirectory(path);
        try
        {
            var writer = new IndexWriter(directory, Config(analysis, OpenMode.CREATE, bulk));
            writer.SetCommitData(new Dictionary<string, string> { [AnalyzerKey] = analysis.AnalyzerVersion });
            writer.Commit();
            return new IndexGeneration(path, directory, writer, analysis.AnalyzerVersion, bulk);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an existing index, or returns null (and leaves nothing open) when it is missing, was
    /// written with another analyzer, or any of its files fails Lucene's checksums.
    /// </summary>
    public static IndexGeneration? TryOpen(string path, DanishAnalysis analysis, out string problem)
    {
        problem = "";
        if (!System.IO.Directory.Exists(path))
        {
            problem = "missing";
            return null;
        }

        FSDirectory? directory = null;
        try
        {
            directory = OpenDirectory(path);
            if (!DirectoryReader.IndexExists(directory))
            {
                problem = "no index";
                directory.Dispose();
                return null;
            }

            using (var reader = DirectoryReader.Open(directory))
            {
                if (!reader.IndexCommit.UserData.TryGetValue(AnalyzerKey, out var version) || version != analysis.AnalyzerVersion)
                {
                    problem = $"analyzer {version ?? "unknown"}, expected {analysis.AnalyzerVersion}";
                    directory.Dispose();
                    return null;
                }

                // Verifies every file's checksum: damage anywhere is found now, not in a search later.
                foreach (var leaf in reader.Leaves)
                {
                    leaf.AtomicReader.CheckIntegrity();
                }
            }

            var writer = new IndexWriter(directory, Config(analysis, OpenMode.APPEND, bulk: false));
            return new IndexGeneration(path, directory, writer, analysis.AnalyzerVersion, bulk: false);
        }
        catch (Exception exception) when (exception is IOException or CorruptIndexException or IndexFormatTooOldException
                                             or IndexFormatTooNewException or InvalidOperationException or ArgumentException
                                             or UnauthorizedAccessException or IndexOutOfRangeException or NullReferenceException
                                             or FormatException or OverflowException or OutOfMemoryException or EndOfStreamException
                                             or LockObtainFailedException)
        {
            // Lucene reports damaged bytes with many exception types; any of them means "rebuild".
            problem = exception.GetType().Name + ": " + exception.Message;
            directory?.Dispose();
            return null;
        }
    }

    /// <summary>Commits pending changes with the analyzer version in the commit data.</summary>
    public void Commit()
    {
        if (_disposed)
        {
            return;
        }

        Writer.SetCommitData(new Dictionary<string, string> { [AnalyzerKey] = _analyzerVersion });
        Writer.Commit();
    }

    /// <summary>Blocks until the searchers show every change up to <paramref name="generation"/>.</summary>
    public void WaitUntilSearchable(long generation)
    {
        StartReopening();
        _reopener!.WaitForGeneration(generation);
    }

    /// <summary>Per-reader state: the facet ordinals (built once per reopened reader, on first use).</summary>
    public Querying.FacetState? FacetState(IndexReader reader)
    {
        var state = _states.GetValue(reader, _ => new ReaderState());
        lock (state)
        {
            if (!state.Built)
            {
                try
                {
                    state.Facets = new Querying.FacetState(new DefaultSortedSetDocValuesReaderState(reader, FacetsConfig.DEFAULT_INDEX_FIELD_NAME));
                }
                catch (ArgumentException)
                {
                    state.Facets = null; // No document has a facet yet.
                }

                state.Built = true;
            }

            return state.Facets;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_reopenerLock)
        {
            _reopener?.Dispose();
        }

        Searchers.Dispose();
        try
        {
            Commit();
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // A damaged or vanished directory cannot be committed to; it is rebuilt on the next start.
        }

        try
        {
            Writer.Dispose();
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // As above.
        }

        _directory.Dispose();
    }

    /// <summary>Disposes without committing (a rebuild that failed half-way).</summary>
    public void Abandon()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_reopenerLock)
        {
            _reopener?.Dispose();
        }

        Searchers.Dispose();
        Writer.Rollback();
        _directory.Dispose();
    }

    private static IndexWriterConfig Config(DanishAnalysis analysis, OpenMode mode, bool bulk) => new(DanishAnalysis.Version, analysis.IndexAnalyzer)
    {
        OpenMode = mode,
        Similarity = Bm25,
        // A bulk build flushes a few large segments rather than many small ones to merge.
        RAMBufferSizeMB = bulk ? BulkRamBufferMB : LiveRamBufferMB,

        // A bulk build's segments are large: packing them into compound files would write every byte
        // twice. Small NRT segments of later publishes go into one file each (fewer open files).
        UseCompoundFile = !bulk,
        MergePolicy = new TieredMergePolicy { NoCFSRatio = bulk ? 0.0 : LiveNoCfsRatio },
    };

    private const double BulkRamBufferMB = 256;
    private const double LiveRamBufferMB = 32;
    private const double LiveNoCfsRatio = 0.1;

    private static BooleanQuery AudienceQuery(Audience reader)
    {
        var query = new BooleanQuery();
        for (var level = Audience.Offentlig; level <= reader; level++)
        {
            query.Add(new TermQuery(new Term(IndexFields.AudienceLevel, ((int)level).ToString(System.Globalization.CultureInfo.InvariantCulture))), Occur.SHOULD);
        }

        return query;
    }

    private sealed class ReaderState
    {
        public bool Built;
        public Querying.FacetState? Facets;
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Bm25 };
    }
}
