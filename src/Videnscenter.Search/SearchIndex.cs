using Lucene.Net.Facet;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Videnscenter.Search.Analysis;
using Videnscenter.Search.Index;
using Videnscenter.Search.Querying;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace Videnscenter.Search;

/// <summary>Settings of an index that change what is indexed (a change means a rebuild).</summary>
public sealed record SearchIndexOptions
{
    /// <summary>
    /// Curated compound parts ("recovery", "skole", "plan", …): an indexed compound that contains one
    /// is also indexed under that part, so "plan" finds "psykiatriplanen". Parts found in the indexed
    /// vocabulary are used at query time anyway; this list is for parts that never occur alone.
    /// </summary>
    public IReadOnlyList<string> CompoundParts { get; init; } = [];
}

/// <summary>
/// The site's search index: a Lucene.Net index directory with Danish analysis, rebuildable from the
/// content store at any time. Thread-safe: searches run concurrently on near-real-time searchers,
/// writes go through the one IndexWriter and are searchable when the call returns, and a rebuild is
/// written into a new directory beside the live one and swapped in while searching goes on.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    private const string CurrentFile = "current";
    private const string GenerationPrefix = "gen-";
    private const int ParallelBatchSize = 256;

    /// <summary>Pending changes are committed this long after the last write (and on dispose).</summary>
    private static readonly TimeSpan CommitDelay = TimeSpan.FromSeconds(1);

    private readonly string _path;
    private readonly DanishAnalysis _analysis;
    private readonly FacetsConfig _facets = IndexFields.CreateFacetsConfig();
    private readonly object _writeLock = new();
    private readonly object _rebuildLock = new();
    private readonly ReaderWriterLockSlim _swapGate = new(LockRecursionPolicy.SupportsRecursion);
    private readonly Timer _commitTimer;
    private IndexGeneration _current;
    private List<Action<IndexGeneration>>? _duringRebuild;
    private volatile bool _needsRebuild;
    private volatile SynonymSet _synonyms = SynonymSet.Empty;
    private bool _disposed;

    private SearchIndex(string path, DanishAnalysis analysis, IndexGeneration current, bool needsRebuild, string? problem)
    {
        _path = path;
        _analysis = analysis;
        _current = current;
        _needsRebuild = needsRebuild;
        OpenProblem = problem;
        _commitTimer = new Timer(_ => CommitQuietly());
    }

    /// <summary>
    /// Opens the index in <paramref name="directoryPath"/> (a folder; created when missing). When no
    /// index is there, or it is damaged, or it was built with another analyzer version, an empty one
    /// takes its place and <see cref="NeedsRebuild"/> is true: the host should then call <see cref="Rebuild"/>.
    /// </summary>
    public static SearchIndex Open(string directoryPath, SearchIndexOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directoryPath);
        var path = Path.GetFullPath(directoryPath);
        if (File.Exists(path))
        {
            // An index file of the former engine (or anything else) where the folder belongs.
            File.Delete(path);
        }

        Directory.CreateDirectory(path);
        var analysis = new DanishAnalysis(options?.CompoundParts);
        var current = ReadCurrent(path);
        IndexGeneration? generation = null;
        var problem = "no index yet";
        if (current is not null)
        {
            generation = IndexGeneration.TryOpen(Path.Combine(path, current), analysis, out problem);
        }

        var needsRebuild = generation is null;
        if (generation is null)
        {
            var name = NewGenerationName();
            generation = IndexGeneration.Create(Path.Combine(path, name), analysis);
            WriteCurrent(path, name);
        }
        else
        {
            problem = null;
        }

        DeleteOtherGenerations(path, Path.GetFileName(generation.Path));
        return new SearchIndex(path, analysis, generation, needsRebuild, problem);
    }

    /// <summary>True when the index was created empty, or found outdated or damaged, and must be rebuilt.</summary>
    public bool NeedsRebuild => _needsRebuild;

    /// <summary>Why the index found at start-up could not be used (null when it was fine).</summary>
    public string? OpenProblem { get; }

    /// <summary>The analyzer version written into every commit; another version forces a rebuild.</summary>
    public string AnalyzerVersion => _analysis.AnalyzerVersion;

    /// <summary>Synonyms applied at query time; replace the set at any time (no reindex needed).</summary>
    public SynonymSet Synonyms
    {
        get => _synonyms;
        set => _synonyms = value ?? SynonymSet.Empty;
    }

    /// <summary>Number of indexed documents (all audiences, slides included).</summary>
    public int Count => Read((generation, searcher) => searcher.IndexReader.NumDocs);

    /// <summary>Adds or replaces one document.</summary>
    public void Upsert(SearchDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        Upsert([doc]);
    }

    /// <summary>
    /// Adds or replaces documents (the last of equal ids wins). The batch is read completely before
    /// anything is written, so a failing source changes nothing. Searchable when the call returns.
    /// </summary>
    public void Upsert(IEnumerable<SearchDocument> docs)
    {
        ArgumentNullException.ThrowIfNull(docs);
        var batch = LastOfEachId(docs);
        foreach (var doc in batch)
        {
            Validate(doc);
        }

        if (batch.Count > 0)
        {
            Write(generation => AddAll(generation, batch, replace: true));
        }
    }

    /// <summary>Removes the document with this id (nothing happens when there is none).</summary>
    public void Delete(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        Write(generation => generation.Tracking.DeleteDocuments(new Term(IndexFields.Id, id)));
    }

    /// <summary>
    /// Removes every document whose id starts with <paramref name="idPrefix"/>, e.g. an item and all
    /// its slides. One delete query, however many documents match: no per-document work.
    /// </summary>
    public void DeleteByPrefix(string idPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(idPrefix);
        Write(generation => generation.Tracking.DeleteDocuments(new PrefixQuery(new Term(IndexFields.Id, idPrefix))));
    }

    /// <summary>Removes an item and all its sub-documents ("id#…"), by their shared group term.</summary>
    public void DeleteItem(string itemId)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        Write(generation => generation.Tracking.DeleteDocuments(new Term(IndexFields.Group, IndexFields.GroupOf(itemId))));
    }

    /// <summary>
    /// Replaces the whole index with <paramref name="all"/>: a new index is built in a new directory
    /// (searches and writes keep using the live one meanwhile; writes made during the build are
    /// replayed onto the new one), then swapped in. A failing source leaves the live index as it was.
    /// </summary>
    public void Rebuild(IEnumerable<SearchDocument> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        lock (_rebuildLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var name = NewGenerationName();
            var building = IndexGeneration.Create(Path.Combine(_path, name), _analysis, bulk: true);
            lock (_writeLock)
            {
                _duringRebuild = [];
            }

            try
            {
                var documents = LastOfEachId(all);
                foreach (var doc in documents)
                {
                    Validate(doc);
                }

                AddAll(building, documents, replace: false);
                building.Commit();
                building.EndBulk();
            }
            catch
            {
                lock (_writeLock)
                {
                    _duringRebuild = null;
                }

                building.Abandon();
                TryDeleteDirectory(building.Path);
                throw;
            }

            IndexGeneration old;
            lock (_writeLock)
            {
                foreach (var change in _duringRebuild!)
                {
                    change(building);
                }

                _duringRebuild = null;
                building.Commit();
                building.WaitUntilSearchable(building.Tracking.Generation);
                WriteCurrent(_path, name);
                _swapGate.EnterWriteLock();
                try
                {
                    old = _current;
                    _current = building;
                    _needsRebuild = false;
                }
                finally
                {
                    _swapGate.ExitWriteLock();
                }
            }

            old.Dispose();
            TryDeleteDirectory(old.Path);
        }
    }

    /// <summary>
    /// Searches as <see cref="SearchRequest.Reader"/> may see. Damage found only now (the checksums
    /// passed at open) gives an empty result and <see cref="NeedsRebuild"/>, not an exception.
    /// </summary>
    public SearchResult Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return Read((generation, searcher) => SearchExecutor.Run(generation, searcher, _analysis, _synonyms, request));
        }
        catch (Exception exception) when (exception is CorruptIndexException or EndOfStreamException or IOException)
        {
            return SearchResult.Empty(Math.Max(1, request.Page), Math.Clamp(request.PageSize, 1, 100));
        }
    }

    /// <summary>Up to <paramref name="max"/> completions (titles, then words) from documents the reader may see.</summary>
    public IReadOnlyList<string> Autocomplete(string prefix, Audience reader, int max = 8) =>
        Read((generation, searcher) => Querying.Autocomplete.Run(generation, searcher, prefix, reader, max));

    /// <summary>
    /// Merges away deleted documents. Lucene counts deleted documents in its term statistics until
    /// their segments merge, so scores drift slightly after many updates; after this call they are
    /// exactly those of a fresh rebuild. Costly on a large index: for maintenance, not per request.
    /// </summary>
    public void MergeDeletes()
    {
        Write(generation =>
        {
            generation.Writer.ForceMerge(1);
            return generation.Tracking.Generation;
        });
    }

    public void Dispose()
    {
        lock (_rebuildLock)
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
                    _commitTimer.Dispose();
                    _current.Dispose();
                }
                finally
                {
                    _swapGate.ExitWriteLock();
                }
            }
        }

        _swapGate.Dispose();
    }

    private T Read<T>(Func<IndexGeneration, IndexSearcher, T> action)
    {
        _swapGate.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var generation = _current;
            var searcher = generation.Searchers.Acquire();
            try
            {
                return action(generation, searcher);
            }
            catch (Exception exception) when (exception is CorruptIndexException or EndOfStreamException or IOException)
            {
                // Damage that slipped past the checksums at start-up: the host rebuilds.
                _needsRebuild = true;
                throw;
            }
            finally
            {
                generation.Searchers.Release(searcher);
            }
        }
        finally
        {
            _swapGate.ExitReadLock();
        }
    }

    private void Write(Func<IndexGeneration, long> change)
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var generation = _current;
            long version;
            try
            {
                version = change(generation);
            }
            catch (Exception exception) when (exception is IOException or CorruptIndexException)
            {
                _needsRebuild = true;
                throw;
            }

            _duringRebuild?.Add(building => change(building));
            generation.WaitUntilSearchable(version);
            _commitTimer.Change(CommitDelay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Writes documents, on all cores for large batches (the ids are distinct here).</summary>
    private long AddAll(IndexGeneration generation, List<SearchDocument> documents, bool replace)
    {
        var version = generation.Tracking.Generation;
        void AddOne(SearchDocument doc)
        {
            var document = IndexFields.Build(doc, _facets);
            var added = IndexFields.WithWordsRecorded(() => replace
                ? generation.Tracking.UpdateDocument(new Term(IndexFields.Id, doc.Id), document)
                : generation.Tracking.AddDocument(document));
            InterlockedMax(ref version, added);
        }

        if (documents.Count < ParallelBatchSize)
        {
            documents.ForEach(AddOne);
        }
        else
        {
            Parallel.ForEach(documents, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, AddOne);
        }

        return version;
    }

    /// <summary>
    /// Makes every change so far durable now instead of after <see cref="CommitDelay"/>. A caller that
    /// records elsewhere how far the index has come (the cluster's change-log position) commits first,
    /// or a crash in between would leave a record of changes the index on disk never got.
    /// </summary>
    public void Commit()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _current.Commit();
        }
    }

    private void CommitQuietly()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                _current.Commit();
            }
            catch (Exception exception) when (exception is IOException or CorruptIndexException or ObjectDisposedException)
            {
                _needsRebuild = true;
            }
        }
    }

    private static List<SearchDocument> LastOfEachId(IEnumerable<SearchDocument> docs)
    {
        var all = new List<SearchDocument>();
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var doc in docs)
        {
            ArgumentNullException.ThrowIfNull(doc);
            ArgumentException.ThrowIfNullOrEmpty(doc.Id, nameof(docs));
            last[doc.Id] = all.Count;
            all.Add(doc);
        }

        if (last.Count == all.Count)
        {
            return all;
        }

        return [.. all.Where((doc, index) => last[doc.Id] == index)];
    }

    private static void Validate(SearchDocument doc)
    {
        if (!double.IsFinite(doc.Boost) || doc.Boost <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(doc), doc.Boost, $"Boost must be a positive number (document {doc.Id}).");
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var seen = Interlocked.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private static string NewGenerationName() =>
        GenerationPrefix + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];

    private static string? ReadCurrent(string path)
    {
        try
        {
            var file = Path.Combine(path, CurrentFile);
            if (!File.Exists(file))
            {
                return null;
            }

            var name = File.ReadAllText(file).Trim();
            return name.StartsWith(GenerationPrefix, StringComparison.Ordinal) && name.Length < 80
                && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && !name.Contains("..", StringComparison.Ordinal) ? name : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Points at the live generation; written to a temporary file and renamed, so it is never half-written.</summary>
    private static void WriteCurrent(string path, string name)
    {
        var temporary = Path.Combine(path, CurrentFile + ".tmp");
        File.WriteAllText(temporary, name);
        File.Move(temporary, Path.Combine(path, CurrentFile), overwrite: true);
    }

    private static void DeleteOtherGenerations(string path, string keep)
    {
        foreach (var directory in Directory.EnumerateDirectories(path, GenerationPrefix + "*"))
        {
            if (Path.GetFileName(directory) != keep)
            {
                TryDeleteDirectory(directory);
            }
        }
    }

    private static void TryDeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for the next start-up to remove.
        }
    }
}
