using Videnscenter.Search.Storage;

namespace Videnscenter.Search.Results;

/// <summary>
/// Keeps the <c>capacity</c> best (document, score) pairs seen, as a binary min-heap, so the scan over
/// all matches costs O(n log k) and no more memory than k entries. Equal scores are ordered by document
/// id (ordinal), so every index with the same documents returns the same hits in the same order.
/// </summary>
internal sealed class TopHits(int capacity)
{
    private readonly (long Rowid, string Id, double Score)[] _heap = new (long, string, double)[capacity];
    private int _count;

    /// <summary>Offers a hit (the id is read only when the hit may be kept).</summary>
    public void Add(long rowid, double score, DocumentRef document)
    {
        if (_count < _heap.Length)
        {
            int i = _count++;
            _heap[i] = (rowid, document.Id, score);
            while (i > 0)
            {
                int parent = (i - 1) / 2;
                if (!Worse(_heap[i], _heap[parent]))
                {
                    break;
                }

                (_heap[i], _heap[parent]) = (_heap[parent], _heap[i]);
                i = parent;
            }

            return;
        }

        if (_heap.Length == 0 || score < _heap[0].Score)
        {
            return;
        }

        (long Rowid, string Id, double Score) candidate = (rowid, document.Id, score);
        if (!Worse(_heap[0], candidate))
        {
            return;
        }

        _heap[0] = candidate;
        int at = 0;
        while (true)
        {
            int left = (2 * at) + 1;
            if (left >= _count)
            {
                break;
            }

            int smallest = left + 1 < _count && Worse(_heap[left + 1], _heap[left]) ? left + 1 : left;
            if (!Worse(_heap[smallest], _heap[at]))
            {
                break;
            }

            (_heap[at], _heap[smallest]) = (_heap[smallest], _heap[at]);
            at = smallest;
        }
    }

    /// <summary>The kept entries, best first.</summary>
    public List<(long Rowid, string Id, double Score)> Ranked()
    {
        var ranked = new List<(long Rowid, string Id, double Score)>(_heap.AsSpan(0, _count).ToArray());
        ranked.Sort((a, b) => Worse(a, b) ? 1 : Worse(b, a) ? -1 : 0);
        return ranked;
    }

    /// <summary>Lower score is worse; on equal scores the greater id is.</summary>
    private static bool Worse((long Rowid, string Id, double Score) a, (long Rowid, string Id, double Score) b) =>
        a.Score < b.Score || (a.Score == b.Score && string.CompareOrdinal(a.Id, b.Id) > 0);
}
