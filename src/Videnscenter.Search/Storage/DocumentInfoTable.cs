using System.Buffers.Binary;
using Microsoft.Data.Sqlite;

namespace Videnscenter.Search.Storage;

/// <summary>What the ranked scan needs per matching row besides FTS5's score.</summary>
/// <param name="Rowid">The row id (<see cref="DocumentKey"/>).</param>
/// <param name="Id">The document id (orders equal scores the same way in every index).</param>
/// <param name="Boost">The per-type boost.</param>
/// <param name="StartsUnixMs">Start of an event or course, if any.</param>
/// <param name="FacetValueIds">Sorted facet value ids (type, audience, departments, tags, extra facets).</param>
internal sealed record DocumentInfo(long Rowid, string Id, double Boost, long? StartsUnixMs, int[] FacetValueIds)
{
    public static int[] Unpack(byte[] packed)
    {
        var ids = new int[packed.Length / 4];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = BinaryPrimitives.ReadInt32LittleEndian(packed.AsSpan(i * 4));
        }

        return ids;
    }
}

/// <summary>
/// An in-memory copy of the <c>docs</c> rows (row id → boost, start, facet value ids, id), so the scan
/// over all matches of a query reads nothing but FTS5. Row ids are never reused and a row's data never
/// changes, so an entry can never be wrong, only missing: the writer adds entries after each commit
/// and drops deleted ones, and a reader that meets a row id it does not know (a commit it sees a
/// moment before the table is updated, or a row deleted since) reads that row from its own snapshot.
/// Not a cache of results: it holds per-document facts only.
/// </summary>
/// <remarks>
/// Entries are stored column-wise in chunks indexed by the row id's sequence number. FTS5 returns
/// matches in row id order, so a scan walks these arrays forward, which the CPU prefetches: a few
/// nanoseconds per matching row instead of cache misses on one object per document. Readers take no
/// lock: the one writer fills a slot and publishes it last by a volatile write of its row id, which
/// readers read first.
/// </remarks>
internal sealed class DocumentInfoTable
{
    private const int ChunkBits = 12;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly object _writeLock = new();
    private Chunk?[] _chunks = new Chunk?[16];

    /// <summary>Loads every row of <c>docs</c>.</summary>
    public static DocumentInfoTable Load(SqliteConnection connection)
    {
        var table = new DocumentInfoTable();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT doc, id, boost, starts, facets FROM docs ORDER BY doc";
        using SqliteDataReader rows = command.ExecuteReader();
        lock (table._writeLock)
        {
            while (rows.Read())
            {
                table.Set(Read(rows.GetInt64(0), rows, 1));
            }
        }

        return table;
    }

    /// <summary>The entry of <paramref name="rowid"/>, when the table has it.</summary>
    public bool TryGet(long rowid, out DocumentRef document)
    {
        long sequence = rowid >> DocumentKey.SequenceShift;
        Chunk?[] chunks = Volatile.Read(ref _chunks);
        long index = sequence >> ChunkBits;
        if ((ulong)index < (ulong)chunks.Length && chunks[index] is Chunk chunk)
        {
            int slot = (int)(sequence & (ChunkSize - 1));
            if (Volatile.Read(ref chunk.Rowids[slot]) == rowid)
            {
                document = new DocumentRef(chunk, slot);
                return true;
            }
        }

        document = default;
        return false;
    }

    /// <summary>Reads one row from the caller's snapshot (for a row id the table does not have).</summary>
    public static DocumentRef? Fetch(ReaderSession session, long rowid)
    {
        SqliteCommand command = session.Command("SELECT id, boost, starts, facets FROM docs WHERE doc = $doc");
        command.Parameters.AddWithValue("$doc", rowid);
        using SqliteDataReader rows = command.ExecuteReader();
        if (!rows.Read())
        {
            return null;
        }

        var single = new Chunk(1);
        single.Fill(0, Read(rowid, rows, 0));
        return new DocumentRef(single, 0);
    }

    /// <summary>Applies a committed write.</summary>
    public void Apply(IEnumerable<DocumentInfo> added, IEnumerable<long> removed)
    {
        lock (_writeLock)
        {
            foreach (long rowid in removed)
            {
                if (TryGet(rowid, out DocumentRef document))
                {
                    Volatile.Write(ref document.Chunk.Rowids[document.Slot], 0);
                }
            }

            foreach (DocumentInfo info in added)
            {
                Set(info);
            }
        }
    }

    private void Set(DocumentInfo info)
    {
        long sequence = info.Rowid >> DocumentKey.SequenceShift;
        long index = sequence >> ChunkBits;
        Chunk?[] chunks = _chunks;
        if (index >= chunks.Length)
        {
            var larger = new Chunk?[Math.Max(chunks.Length * 2, (int)index + 1)];
            Array.Copy(chunks, larger, chunks.Length);
            chunks = larger;
            Volatile.Write(ref _chunks, chunks);
        }

        Chunk? chunk = chunks[index];
        if (chunk is null)
        {
            chunk = new Chunk(ChunkSize);
            Volatile.Write(ref chunks[index], chunk);
        }

        chunk.Fill((int)(sequence & (ChunkSize - 1)), info);
    }

    private static DocumentInfo Read(long rowid, SqliteDataReader rows, int first) => new(
        rowid,
        rows.GetString(first),
        rows.GetDouble(first + 1),
        rows.IsDBNull(first + 2) ? null : rows.GetInt64(first + 2),
        DocumentInfo.Unpack(rows.GetFieldValue<byte[]>(first + 3)));

    /// <summary>A chunk of consecutive sequence numbers, stored column-wise.</summary>
    internal sealed class Chunk(int size)
    {
        public const long NoStart = long.MinValue;

        public readonly long[] Rowids = new long[size];
        public readonly string?[] Ids = new string?[size];
        public readonly double[] Boosts = new double[size];
        public readonly long[] Starts = new long[size];
        public readonly int[] FacetStart = new int[size];
        public readonly int[] FacetCount = new int[size];
        public int[] FacetPool = new int[size * 4];
        private int _facetUsed;

        /// <summary>Writes a slot (writer only) and publishes it by writing its row id last.</summary>
        public void Fill(int slot, DocumentInfo info)
        {
            int[] pool = FacetPool;
            if (_facetUsed + info.FacetValueIds.Length > pool.Length)
            {
                int[] larger = new int[Math.Max(pool.Length * 2, _facetUsed + info.FacetValueIds.Length)];
                Array.Copy(pool, larger, _facetUsed);
                pool = larger;
                Volatile.Write(ref FacetPool, pool);
            }

            info.FacetValueIds.CopyTo(pool, _facetUsed);
            FacetStart[slot] = _facetUsed;
            FacetCount[slot] = info.FacetValueIds.Length;
            _facetUsed += info.FacetValueIds.Length;
            Ids[slot] = info.Id;
            Boosts[slot] = info.Boost;
            Starts[slot] = info.StartsUnixMs ?? NoStart;
            Volatile.Write(ref Rowids[slot], info.Rowid);
        }
    }
}

/// <summary>One entry of a <see cref="DocumentInfoTable"/>.</summary>
internal readonly struct DocumentRef(DocumentInfoTable.Chunk chunk, int slot)
{
    public DocumentInfoTable.Chunk Chunk { get; } = chunk;

    public int Slot { get; } = slot;

    public long Rowid => Chunk.Rowids[Slot];

    public string Id => Chunk.Ids[Slot]!;

    public double Boost => Chunk.Boosts[Slot];

    /// <summary>Start (Unix ms) or <see cref="DocumentInfoTable.Chunk.NoStart"/>.</summary>
    public long Starts => Chunk.Starts[Slot];

    public ReadOnlySpan<int> FacetValueIds => Volatile.Read(ref Chunk.FacetPool).AsSpan(Chunk.FacetStart[Slot], Chunk.FacetCount[Slot]);

    public bool HasFacetValue(int id) => FacetValueIds.BinarySearch(id) >= 0;
}
