using System.Buffers.Binary;
using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Videnscenter.Search.Storage;
using Videnscenter.Search.Vocabulary;

namespace Videnscenter.Search.Indexing;

/// <summary>
/// One write operation on an index file, in one transaction with prepared statements: upserts and
/// deletes of documents, keeping the FTS tables, facets and the per-audience vocabulary counts in step.
/// Rebuilds use the very same code path as incremental updates, so both give identical indexes.
/// </summary>
internal sealed class IndexWriter : IDisposable
{
    private const int ChunkSize = 128;

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly WordTable _words = new();
    private readonly Dictionary<(string Name, string Value), long> _facetIds = [];
    private readonly List<SqliteCommand> _commands = [];
    private readonly List<DocumentInfo> _added = [];
    private readonly List<long> _removed = [];
    private readonly SqliteCommand _saveSequence;
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private readonly bool _startedEmpty;
    private long _nextSequence;
    private bool _done;

    private readonly SqliteCommand _find;
    private readonly SqliteCommand _findPrefix;
    private readonly SqliteCommand _deleteFts;
    private readonly SqliteCommand[] _deletes;
    private readonly SqliteCommand _insertDoc;
    private readonly SqliteCommand _insertText;
    private readonly SqliteCommand _insertFts;
    private readonly SqliteCommand _insertTri;
    private readonly SqliteCommand _insertDocFacet;
    private readonly SqliteCommand _findFacet;
    private readonly SqliteCommand _insertFacet;
    private readonly SqliteCommand _upsertWord;
    private readonly SqliteCommand _pruneWord;
    private readonly SqliteCommand _upsertTerm;
    private readonly Dictionary<string, int> _termChanges = new(StringComparer.Ordinal);

    public IndexWriter(SqliteConnection connection)
    {
        _connection = connection;
        _transaction = connection.BeginTransaction();
        _find = Prepare("SELECT d.doc, d.audience, t.title, t.summary, t.tags, t.body FROM docs d JOIN doc_text t ON t.doc = d.doc WHERE d.id = $id", ("$id", SqliteType.Text));
        _findPrefix = Prepare("SELECT id FROM docs WHERE id >= $lo AND id < $hi ORDER BY id", ("$lo", SqliteType.Text), ("$hi", SqliteType.Text));
        _deleteFts = Prepare("INSERT INTO fts(fts, rowid, title, summary, body) VALUES('delete', $doc, $title, $summary, $body)",
            ("$doc", SqliteType.Integer), ("$title", SqliteType.Text), ("$summary", SqliteType.Text), ("$body", SqliteType.Text));
        _deletes =
        [
            Prepare("DELETE FROM tri WHERE rowid = $doc", ("$doc", SqliteType.Integer)),
            Prepare("DELETE FROM doc_facets WHERE doc = $doc", ("$doc", SqliteType.Integer)),
            Prepare("DELETE FROM doc_text WHERE doc = $doc", ("$doc", SqliteType.Integer)),
            Prepare("DELETE FROM docs WHERE doc = $doc", ("$doc", SqliteType.Integer)),
        ];
        _insertDoc = Prepare("INSERT INTO docs(doc, audience, boost, len, starts, facets, type, id) VALUES($doc, $audience, $boost, $len, $starts, $facets, $type, $id)",
            ("$doc", SqliteType.Integer), ("$audience", SqliteType.Integer), ("$boost", SqliteType.Real), ("$len", SqliteType.Integer), ("$starts", SqliteType.Integer),
            ("$facets", SqliteType.Blob), ("$type", SqliteType.Text), ("$id", SqliteType.Text));
        _insertText = Prepare("INSERT INTO doc_text(doc, url, title, title_key, summary, tags, updated, body) VALUES($doc, $url, $title, $key, $summary, $tags, $updated, $body)",
            ("$doc", SqliteType.Integer), ("$url", SqliteType.Text), ("$title", SqliteType.Text), ("$key", SqliteType.Text),
            ("$summary", SqliteType.Text), ("$tags", SqliteType.Text), ("$updated", SqliteType.Integer), ("$body", SqliteType.Text));
        _insertFts = Prepare("INSERT INTO fts(rowid, title, summary, body) VALUES($doc, $title, $summary, $body)",
            ("$doc", SqliteType.Integer), ("$title", SqliteType.Text), ("$summary", SqliteType.Text), ("$body", SqliteType.Text));
        _insertTri = Prepare("INSERT INTO tri(rowid, title, summary) VALUES($doc, $title, $summary)",
            ("$doc", SqliteType.Integer), ("$title", SqliteType.Text), ("$summary", SqliteType.Text));
        _insertDocFacet = Prepare("INSERT INTO doc_facets(doc, value_id) VALUES($doc, $value)", ("$doc", SqliteType.Integer), ("$value", SqliteType.Integer));
        _findFacet = Prepare("SELECT id FROM facet_values WHERE name = $name AND value = $value", ("$name", SqliteType.Text), ("$value", SqliteType.Text));
        _insertFacet = Prepare("INSERT INTO facet_values(name, value) VALUES($name, $value) RETURNING id", ("$name", SqliteType.Text), ("$value", SqliteType.Text));
        _upsertWord = Prepare("""
            INSERT INTO words(word, stem, len, df0, df1, df2) VALUES($word, $stem, $len, $d0, $d1, $d2)
            ON CONFLICT(word) DO UPDATE SET df0 = df0 + excluded.df0, df1 = df1 + excluded.df1, df2 = df2 + excluded.df2
            """,
            ("$word", SqliteType.Text), ("$stem", SqliteType.Text), ("$len", SqliteType.Integer),
            ("$d0", SqliteType.Integer), ("$d1", SqliteType.Integer), ("$d2", SqliteType.Integer));
        _pruneWord = Prepare("DELETE FROM words WHERE word = $word AND df0 <= 0 AND df1 <= 0 AND df2 <= 0", ("$word", SqliteType.Text));
        _upsertTerm = Prepare("INSERT INTO terms(stem, df) VALUES($stem, $change) ON CONFLICT(stem) DO UPDATE SET df = df + excluded.df",
            ("$stem", SqliteType.Text), ("$change", SqliteType.Integer));

        _saveSequence = Prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('next_sequence', $value)", ("$value", SqliteType.Text));
        object? sequence = Prepare("SELECT value FROM meta WHERE key = 'next_sequence'").ExecuteScalar();
        _nextSequence = sequence is string text ? long.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 1;
        _startedEmpty = (long)Prepare("SELECT NOT EXISTS(SELECT 1 FROM docs)").ExecuteScalar()! != 0;
    }

    /// <summary>Rows added by this write (for <see cref="DocumentInfoTable.Apply"/> after the commit).</summary>
    public IReadOnlyList<DocumentInfo> Added => _added;

    /// <summary>Rows removed by this write.</summary>
    public IReadOnlyList<long> Removed => _removed;

    /// <summary>Inserts or replaces every document, analysing them on several threads in order.</summary>
    public void UpsertAll(IEnumerable<SearchDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents is ICollection<SearchDocument> { Count: <= ChunkSize } small)
        {
            foreach (SearchDocument document in small)
            {
                Upsert(PreparedDocument.Prepare(document, _words));
            }

            return;
        }

        // Ordered pipeline: a producer cuts the input into chunks and starts analysing each on the
        // thread pool; this (writer) thread writes the chunks in input order as they complete.
        using var cancel = new CancellationTokenSource();
        using var queue = new BlockingCollection<Task<PreparedDocument[]>>(Math.Max(2, Environment.ProcessorCount * 2));
        WordTable words = _words;
        Task producer = Task.Run(() =>
        {
            try
            {
                var chunk = new List<SearchDocument>(ChunkSize);
                foreach (SearchDocument document in documents)
                {
                    chunk.Add(document);
                    if (chunk.Count == ChunkSize)
                    {
                        SearchDocument[] batch = [.. chunk];
                        chunk.Clear();
                        queue.Add(Task.Run(() => Array.ConvertAll(batch, d => PreparedDocument.Prepare(d, words))), cancel.Token);
                    }
                }

                if (chunk.Count > 0)
                {
                    SearchDocument[] batch = [.. chunk];
                    queue.Add(Task.Run(() => Array.ConvertAll(batch, d => PreparedDocument.Prepare(d, words))), cancel.Token);
                }
            }
            finally
            {
                queue.CompleteAdding();
            }
        });

        try
        {
            foreach (Task<PreparedDocument[]> chunk in queue.GetConsumingEnumerable())
            {
                foreach (PreparedDocument prepared in chunk.GetAwaiter().GetResult())
                {
                    Upsert(prepared);
                }
            }
        }
        catch
        {
            cancel.Cancel();
            try
            {
                producer.Wait();
            }
            catch (AggregateException)
            {
                // The writer's own exception is the one to report.
            }

            throw;
        }

        try
        {
            producer.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Not reached: cancellation only happens after a writer failure, which rethrows above.
        }
    }

    /// <summary>Inserts a document, replacing the one with the same id.</summary>
    public void Upsert(PreparedDocument prepared)
    {
        SearchDocument document = prepared.Source;
        RemoveExisting(document.Id);
        long doc = DocumentKey.Compose(_nextSequence++, prepared.Length, document.Audience);

        SqliteParameterCollection p = _insertFts.Parameters;
        p[0].Value = doc;
        p[1].Value = prepared.TitleTerms;
        p[2].Value = prepared.SummaryTerms;
        p[3].Value = prepared.BodyTerms;
        _insertFts.ExecuteNonQuery();

        p = _insertTri.Parameters;
        p[0].Value = doc;
        p[1].Value = prepared.TitleWords;
        p[2].Value = prepared.SummaryWords;
        _insertTri.ExecuteNonQuery();

        var valueIds = new int[prepared.Facets.Count];
        for (int i = 0; i < valueIds.Length; i++)
        {
            valueIds[i] = checked((int)FacetValueId(prepared.Facets[i]));
        }

        Array.Sort(valueIds);
        byte[] blob = new byte[valueIds.Length * 4];
        p = _insertDocFacet.Parameters;
        p[0].Value = doc;
        for (int i = 0; i < valueIds.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(i * 4), valueIds[i]);
            p[1].Value = valueIds[i];
            _insertDocFacet.ExecuteNonQuery();
        }

        long? startsUnixMs = document.StartsUtc is DateTime starts ? ToUnixMilliseconds(starts) : null;
        p = _insertDoc.Parameters;
        p[0].Value = doc;
        p[1].Value = (int)document.Audience;
        p[2].Value = document.Boost;
        p[3].Value = prepared.Length;
        p[4].Value = startsUnixMs is long value ? value : DBNull.Value;
        p[5].Value = blob;
        p[6].Value = document.Type ?? "";
        p[7].Value = document.Id;
        _insertDoc.ExecuteNonQuery();

        p = _insertText.Parameters;
        p[0].Value = doc;
        p[1].Value = document.Url ?? "";
        p[2].Value = document.Title ?? "";
        p[3].Value = prepared.TitleKey;
        p[4].Value = document.Summary ?? "";
        p[5].Value = prepared.TagsText;
        p[6].Value = ToUnixMilliseconds(document.UpdatedUtc);
        p[7].Value = document.Body ?? "";
        _insertText.ExecuteNonQuery();

        _added.Add(new DocumentInfo(doc, document.Id, document.Boost, startsUnixMs, valueIds));
        _written.Add(document.Id);
        WordTable.Count(prepared.Words, document.Audience, +1);
        CountTerms(prepared.Words, +1);
    }

    /// <summary>Deletes the document with this id; false when there is none.</summary>
    public bool Delete(string id) => RemoveExisting(id) is not null;

    /// <summary>Deletes every document whose id starts with <paramref name="prefix"/>; returns how many.</summary>
    public int DeleteByPrefix(string prefix)
    {
        var ids = new List<string>();
        _findPrefix.Parameters[0].Value = prefix;
        _findPrefix.Parameters[1].Value = prefix + char.ConvertFromUtf32(0x10FFFF);
        using (SqliteDataReader reader = _findPrefix.ExecuteReader())
        {
            while (reader.Read())
            {
                string id = reader.GetString(0);
                if (id.StartsWith(prefix, StringComparison.Ordinal))
                {
                    ids.Add(id);
                }
            }
        }

        foreach (string id in ids)
        {
            RemoveExisting(id);
        }

        return ids.Count;
    }

    /// <summary>Writes the vocabulary changes and commits.</summary>
    public void Commit()
    {
        foreach (WordEntry entry in _words.Changed())
        {
            SetAndRun(_upsertWord, entry.Word, entry.Stem, (long)entry.Word.Length, (long)entry.Delta0, (long)entry.Delta1, (long)entry.Delta2);
            if (entry.Delta0 < 0 || entry.Delta1 < 0 || entry.Delta2 < 0)
            {
                SetAndRun(_pruneWord, entry.Word);
            }
        }

        _words.ResetCounts();
        foreach ((string stem, int change) in _termChanges)
        {
            if (change != 0)
            {
                SetAndRun(_upsertTerm, stem, (long)change);
            }
        }

        _termChanges.Clear();
        using (SqliteCommand prune = Prepare("DELETE FROM terms WHERE df <= 0"))
        {
            prune.ExecuteNonQuery();
        }

        SetAndRun(_saveSequence, _nextSequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _transaction.Commit();
        _done = true;
    }

    public void Dispose()
    {
        if (!_done)
        {
            try
            {
                _transaction.Rollback();
            }
            catch (SqliteException)
            {
                // The connection is broken; disposing it below is all that is left to do.
            }
        }

        foreach (SqliteCommand command in _commands)
        {
            command.Dispose();
        }

        _transaction.Dispose();
    }

    /// <summary>Removes the document with this id (rows and vocabulary counts); returns its row id.</summary>
    private long? RemoveExisting(string id)
    {
        if (_startedEmpty && !_written.Contains(id))
        {
            // A rebuild into an empty file: only documents written by this writer can exist.
            return null;
        }

        _find.Parameters[0].Value = id;
        long doc;
        Audience audience;
        (string Title, string Summary, string Body, WordEntry[] Words) old;
        using (SqliteDataReader reader = _find.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            doc = reader.GetInt64(0);
            audience = (Audience)reader.GetInt32(1);
            old = PreparedDocument.Reanalyze(reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), _words);
        }

        SetAndRun(_deleteFts, doc, old.Title, old.Summary, old.Body);
        foreach (SqliteCommand delete in _deletes)
        {
            SetAndRun(delete, doc);
        }

        WordTable.Count(old.Words, audience, -1);
        CountTerms(old.Words, -1);
        _removed.Add(doc);
        return doc;
    }

    /// <summary>Adds <paramref name="change"/> to the document count of every distinct stem of a document's words.</summary>
    private void CountTerms(WordEntry[] words, int change)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (WordEntry word in words)
        {
            if (stems.Add(word.Stem))
            {
                _termChanges[word.Stem] = _termChanges.GetValueOrDefault(word.Stem) + change;
            }
        }
    }

    private long FacetValueId((string Name, string Value) facet)
    {
        if (_facetIds.TryGetValue(facet, out long id))
        {
            return id;
        }

        _findFacet.Parameters[0].Value = facet.Name;
        _findFacet.Parameters[1].Value = facet.Value;
        object? found = _findFacet.ExecuteScalar();
        if (found is long existing)
        {
            id = existing;
        }
        else
        {
            _insertFacet.Parameters[0].Value = facet.Name;
            _insertFacet.Parameters[1].Value = facet.Value;
            id = (long)_insertFacet.ExecuteScalar()!;
        }

        _facetIds[facet] = id;
        return id;
    }

    private SqliteCommand Prepare(string sql, params (string Name, SqliteType Type)[] parameters)
    {
        SqliteCommand command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach ((string name, SqliteType type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        _commands.Add(command);
        command.Prepare();
        return command;
    }

    private static void SetAndRun(SqliteCommand command, params object?[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    internal static long ToUnixMilliseconds(DateTime time)
    {
        DateTime utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
        return new DateTimeOffset(utc).ToUnixTimeMilliseconds();
    }
}
