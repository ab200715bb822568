using Lucene.Net.Facet;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Videnscenter.Search.Index;

namespace Videnscenter.Search.Querying;

/// <summary>
/// Collects every match once: the final score (BM25 × the document's boost × upcoming/past factor),
/// the best <see cref="_capacity"/> documents (ties broken by id, so the order does not depend on
/// where documents sit in the index), the facet bitsets, and per deck its best slides, so that a
/// deck and its slides can be one hit and count once.
/// </summary>
internal sealed class GroupingCollector(int capacity, long nowTicks) : ICollector
{
    internal const double UpcomingFactor = 1.25;
    internal const double PastFactor = 0.8;
    private const int SlidesPerDeck = 3;

    private readonly int _capacity = Math.Max(1, capacity);
    private readonly PriorityQueue<Entry, Entry> _top = new(new WorstFirst());
    private readonly List<SortedDocValues> _ids = [];
    private readonly Dictionary<string, SlideGroup> _slideGroups = new(StringComparer.Ordinal);
    private readonly List<(AtomicReaderContext Context, FixedBitSet Slides)> _slideBits = [];

    private Scorer? _scorer;
    private SegmentRankValues _values = SegmentRankValues.None;
    private SortedDocValues? _group;
    private Dictionary<int, SlideGroup>? _segmentGroups;
    private FixedBitSet? _segmentSlides;
    private int _docBase;
    private int _leaf = -1;

    /// <summary>Facet bitsets of every match (slides are thinned out by <see cref="CountOncePerDeck"/>).</summary>
    public FacetsCollector Facets { get; } = new FacetsCollector(keepScores: false);

    /// <summary>All matching documents, slides included.</summary>
    public int Matches { get; private set; }

    /// <summary>Matching slides (documents with '#' in their id).</summary>
    public int SlideMatches { get; private set; }

    /// <summary>
    /// Out of order is fine: the ranking breaks ties by id and the counts and bitsets do not care, and
    /// it lets Lucene score a one-word query (a disjunction over the fields) with its faster
    /// window-at-a-time BooleanScorer instead of advancing every field's postings in step.
    /// </summary>
    public bool AcceptsDocsOutOfOrder => true;

    public IReadOnlyDictionary<string, SlideGroup> SlideGroups => _slideGroups;

    public void SetScorer(Scorer scorer)
    {
        _scorer = scorer;
        Facets.SetScorer(scorer);
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Facets.SetNextReader(context);
        var reader = context.AtomicReader;
        _docBase = context.DocBase;
        _values = SegmentRankValues.Of(reader);
        _group = reader.GetSortedDocValues(IndexFields.Group);
        _ids.Add(reader.GetSortedDocValues(IndexFields.IdSort));
        _leaf = _ids.Count - 1;
        _segmentGroups = null;
        _segmentSlides = null;
        if (_values.HasSlides)
        {
            _segmentSlides = new FixedBitSet(reader.MaxDoc);
            _slideBits.Add((context, _segmentSlides));
            _segmentGroups = [];
        }
    }

    public void Collect(int doc)
    {
        Facets.Collect(doc);
        Matches++;
        var score = _scorer!.GetScore() * _values.Boost(doc);
        var starts = _values.Starts(doc);
        if (starts != 0)
        {
            score *= starts >= nowTicks ? UpcomingFactor : PastFactor;
        }

        var slide = _values.Slide(doc);
        if (slide == 0 && _top.Count >= _capacity && score < _top.Peek().Score)
        {
            return; // Most matches of a common word: counted, not ranked.
        }

        var entry = new Entry(score, _docBase + doc, _leaf, doc, (int)slide, this);
        if (slide != 0 && _group is not null)
        {
            SlideMatches++;
            _segmentSlides!.Set(doc);
            var ord = _group.GetOrd(doc);
            if (!_segmentGroups!.TryGetValue(ord, out var group))
            {
                var key = new BytesRef();
                _group.LookupOrd(ord, key);
                var name = key.Utf8ToString();
                if (!_slideGroups.TryGetValue(name, out group))
                {
                    group = new SlideGroup(name, entry);
                    _slideGroups[name] = group;
                }

                _segmentGroups[ord] = group;
            }

            group.Offer(entry);
        }

        if (_top.Count < _capacity)
        {
            _top.Enqueue(entry, entry);
        }
        else if (WorstFirst.Instance.Compare(entry, _top.Peek()) > 0)
        {
            _top.DequeueEnqueue(entry, entry);
        }
    }

    /// <summary>The collected best documents, best first.</summary>
    public List<Entry> Best()
    {
        var list = new List<Entry>(_top.Count);
        while (_top.Count > 0)
        {
            list.Add(_top.Dequeue());
        }

        list.Reverse();
        return list;
    }

    /// <summary>
    /// Keeps one document per deck in the facet bitsets: the deck itself when it matched, otherwise
    /// its best slide. <paramref name="deckMatched"/> tells which decks matched themselves.
    /// </summary>
    public void CountOncePerDeck(Func<string, bool> deckMatched)
    {
        if (SlideMatches == 0)
        {
            return;
        }

        foreach (var matching in Facets.GetMatchingDocs())
        {
            foreach ((var context, var slides) in _slideBits)
            {
                if (ReferenceEquals(context, matching.Context) && matching.Bits is FixedBitSet bits)
                {
                    bits.AndNot(slides);
                }
            }
        }

        foreach (var group in _slideGroups.Values)
        {
            if (deckMatched(group.Name))
            {
                continue;
            }

            var representative = group.First;
            foreach (var matching in Facets.GetMatchingDocs())
            {
                if (matching.Context.Ord == representative.Leaf && matching.Bits is FixedBitSet bits)
                {
                    bits.Set(representative.LocalDoc);
                }
            }
        }
    }

    /// <summary>The id of a collected document (read only when needed: for ties and for results).</summary>
    internal string IdOf(int leaf, int localDoc)
    {
        var bytes = new BytesRef();
        _ids[leaf].Get(localDoc, bytes);
        return bytes.Utf8ToString();
    }

    /// <summary>
    /// A segment's boosts, start times and slide numbers, copied once into arrays: every match reads
    /// all three, and Lucene.Net reads doc values through packed readers over the memory-mapped file,
    /// value by value. A segment never changes, so the copy lives as long as the segment.
    /// </summary>
    internal sealed class SegmentRankValues
    {
        public static readonly SegmentRankValues None = new([], [], []);

        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, SegmentRankValues> Segments = new();

        private readonly double[] _boost;
        private readonly long[] _starts;
        private readonly int[] _slide;

        private SegmentRankValues(double[] boost, long[] starts, int[] slide)
        {
            _boost = boost;
            _starts = starts;
            _slide = slide;
        }

        public bool HasSlides => _slide.Length > 0;

        public static SegmentRankValues Of(AtomicReader reader) => Segments.GetValue(reader.CoreCacheKey, _ => Read(reader));

        public double Boost(int doc) => _boost.Length > 0 ? _boost[doc] : 1.0;

        public long Starts(int doc) => _starts.Length > 0 ? _starts[doc] : 0;

        public int Slide(int doc) => _slide.Length > 0 ? _slide[doc] : 0;

        private static SegmentRankValues Read(AtomicReader reader)
        {
            var boost = reader.GetNumericDocValues(IndexFields.Boost);
            var starts = reader.GetNumericDocValues(IndexFields.Starts);
            var slide = reader.GetNumericDocValues(IndexFields.SlideNumber);
            var count = reader.MaxDoc;
            return new SegmentRankValues(
                boost is null ? [] : [.. Enumerable.Range(0, count).Select(d => BitConverter.Int64BitsToDouble(boost.Get(d)))],
                starts is null ? [] : [.. Enumerable.Range(0, count).Select(d => starts.Get(d))],
                slide is null ? [] : [.. Enumerable.Range(0, count).Select(d => (int)slide.Get(d))]);
        }
    }

    /// <summary>One scored document.</summary>
    internal sealed class Entry(double score, int doc, int leaf, int localDoc, int slide, GroupingCollector owner)
    {
        private string? _id;

        public double Score { get; } = score;

        public int Doc { get; } = doc;

        public int Leaf { get; } = leaf;

        public int LocalDoc { get; } = localDoc;

        public int Slide { get; } = slide;

        public string Id => _id ??= owner.IdOf(Leaf, LocalDoc);
    }

    /// <summary>The matching slides of one deck: the best few, and the first seen (its facet stand-in).</summary>
    internal sealed class SlideGroup(string name, Entry first)
    {
        private readonly List<Entry> _best = [];

        public string Name { get; } = name;

        public Entry First { get; } = first;

        public IReadOnlyList<Entry> Best => _best;

        public void Offer(Entry entry)
        {
            _best.Add(entry);
            _best.Sort((a, b) => WorstFirst.Instance.Compare(b, a));
            if (_best.Count > SlidesPerDeck)
            {
                _best.RemoveAt(_best.Count - 1);
            }
        }
    }

    /// <summary>Lower score is worse; on equal scores the larger id is worse.</summary>
    internal sealed class WorstFirst : IComparer<Entry>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(Entry? x, Entry? y)
        {
            var byScore = x!.Score.CompareTo(y!.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(y.Id, x.Id);
        }
    }
}
