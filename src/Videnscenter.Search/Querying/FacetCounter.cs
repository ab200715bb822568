using System.Runtime.CompilerServices;
using Lucene.Net.Facet;
using Lucene.Net.Facet.SortedSet;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Videnscenter.Search.Querying;

/// <summary>
/// Counts the facet values of the matching documents: the values are Lucene.Net.Facet's sorted-set
/// facet fields and its reader state (ordinals, dimensions, labels), counted the way its
/// SortedSetDocValuesFacetCounts counts them, but from each segment's ordinals copied once into
/// plain arrays. Lucene.Net reads them through packed readers over the memory-mapped file, value by
/// value, which was a quarter of a query's time; a segment never changes, so its copy stays valid
/// for as long as the segment lives (reopened readers share it).
/// </summary>
internal static class FacetCounter
{
    private static readonly ConditionalWeakTable<object, SegmentOrdinals> Segments = new();

    /// <summary>Per dimension, the values with their counts over <paramref name="matching"/> (only values that occur).</summary>
    public static Dictionary<string, List<(string Value, int Count)>> Count(FacetState state, IList<FacetsCollector.MatchingDocs> matching)
    {
        var counts = new int[state.ValueCount];
        foreach (var hits in matching)
        {
            if (hits.Bits is not FixedBitSet bits)
            {
                continue;
            }

            var segment = Segments.GetValue(hits.Context.AtomicReader.CoreCacheKey, _ => SegmentOrdinals.Read(hits.Context.AtomicReader, state.Reader.Field));
            if (segment.Ords.Length == 0)
            {
                continue;
            }

            var segmentCounts = new int[segment.ValueCount];
            var starts = segment.Starts;
            var ords = segment.Ords;
            // NextSetBit answers -1 when no bit is left.
            var end = Math.Min(bits.Length, starts.Length - 1);
            for (var doc = end > 0 ? bits.NextSetBit(0) : -1; doc >= 0 && doc < end; doc = doc + 1 < end ? bits.NextSetBit(doc + 1) : -1)
            {
                for (var i = starts[doc]; i < starts[doc + 1]; i++)
                {
                    segmentCounts[ords[i]]++;
                }
            }

            for (var ord = 0; ord < segmentCounts.Length; ord++)
            {
                if (segmentCounts[ord] != 0)
                {
                    counts[state.GlobalOrd(hits.Context.Ord, ord)] += segmentCounts[ord];
                }
            }
        }

        var result = new Dictionary<string, List<(string Value, int Count)>>(StringComparer.Ordinal);
        foreach ((var dimension, var range) in state.Reader.PrefixToOrdRange)
        {
            List<(string Value, int Count)>? values = null;
            for (var ord = range.Start; ord <= range.End; ord++)
            {
                if (counts[ord] > 0)
                {
                    (values ??= []).Add((state.Label(ord), counts[ord]));
                }
            }

            if (values is not null)
            {
                result[dimension] = values;
            }
        }

        return result;
    }

    /// <summary>One segment's facet ordinals: those of document d are Ords[Starts[d]..Starts[d + 1]).</summary>
    private sealed class SegmentOrdinals(int[] starts, int[] ords, int valueCount)
    {
        public int[] Starts { get; } = starts;

        public int[] Ords { get; } = ords;

        public int ValueCount { get; } = valueCount;

        public static SegmentOrdinals Read(AtomicReader reader, string field)
        {
            var values = reader.GetSortedSetDocValues(field);
            if (values is null)
            {
                return new SegmentOrdinals([0], [], 0);
            }

            var starts = new int[reader.MaxDoc + 1];
            var ords = new List<int>(reader.MaxDoc * 4);
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                starts[doc] = ords.Count;
                values.SetDocument(doc);
                for (var ord = values.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = values.NextOrd())
                {
                    ords.Add((int)ord);
                }
            }

            starts[reader.MaxDoc] = ords.Count;
            return new SegmentOrdinals(starts, [.. ords], (int)values.ValueCount);
        }
    }
}

/// <summary>
/// Lucene.Net.Facet's reader state of one top-level reader, with the segment-to-global ordinal map
/// and the labels looked up once (not per query).
/// </summary>
internal sealed class FacetState
{
    private readonly MultiDocValues.OrdinalMap? _map;
    private readonly SortedSetDocValues _values;
    private readonly string?[] _labels;

    public FacetState(SortedSetDocValuesReaderState reader)
    {
        Reader = reader;
        _values = reader.GetDocValues();
        _map = (_values as MultiDocValues.MultiSortedSetDocValues)?.Mapping;
        ValueCount = (int)_values.ValueCount;
        _labels = new string?[ValueCount];
    }

    public SortedSetDocValuesReaderState Reader { get; }

    public int ValueCount { get; }

    public int GlobalOrd(int segment, int segmentOrd) => _map is null ? segmentOrd : (int)_map.GetGlobalOrd(segment, segmentOrd);

    /// <summary>The value (without its dimension) of a global ordinal.</summary>
    public string Label(int ord)
    {
        if (_labels[ord] is { } known)
        {
            return known;
        }

        lock (_values)
        {
            var bytes = new BytesRef();
            _values.LookupOrd(ord, bytes);
            var label = FacetsConfig.StringToPath(bytes.Utf8ToString())[1];
            _labels[ord] = label;
            return label;
        }
    }
}
