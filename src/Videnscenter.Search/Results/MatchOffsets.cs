using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Videnscenter.Search.Index;
using Match = Videnscenter.Search.Results.Snippets.Match;

namespace Videnscenter.Search.Results;

/// <summary>
/// Where the query's terms occur in the summary and body of the documents on a result page, read
/// from the postings (both fields are indexed with offsets). One pass per segment, field and term
/// over the page's documents in doc-id order, reusing the enumerators: a page costs a few term
/// seeks, not a seek per hit and term.
/// </summary>
internal sealed class MatchOffsets
{
    /// <summary>Terms a prefix* expands to, at most, for marking.</summary>
    private const int MaxPrefixTerms = 64;

    private static readonly string[] Fields = [IndexFields.Summary, IndexFields.Body];

    private readonly Dictionary<(int Doc, string Field), List<Match>> _found = [];

    /// <summary>The matches of one document (top-level doc id) in one field, unsorted.</summary>
    public IReadOnlyList<Match> For(int doc, string field) => _found.TryGetValue((doc, field), out var matches) ? matches : [];

    public static MatchOffsets Collect(IndexSearcher searcher, IEnumerable<int> docs, IReadOnlySet<string> terms)
    {
        var offsets = new MatchOffsets();
        if (terms.Count == 0)
        {
            return offsets;
        }

        var leaves = searcher.IndexReader.Leaves;
        foreach (var bySegment in docs.Distinct().GroupBy(doc => ReaderUtil.SubIndex(doc, leaves)))
        {
            var leaf = leaves[bySegment.Key];
            int[] locals = [.. bySegment.Select(doc => doc - leaf.DocBase).Order()];
            foreach (var field in Fields)
            {
                var fieldTerms = leaf.AtomicReader.GetTerms(field);
                if (fieldTerms is not null)
                {
                    offsets.Read(leaf, fieldTerms, field, locals, terms);
                }
            }
        }

        return offsets;
    }

    private void Read(AtomicReaderContext leaf, Terms fieldTerms, string field, int[] locals, IReadOnlySet<string> terms)
    {
        var termsEnum = fieldTerms.GetEnumerator();
        DocsAndPositionsEnum? positions = null;
        foreach (var term in Expand(fieldTerms, terms))
        {
            if (!termsEnum.SeekExact(new BytesRef(term)))
            {
                continue;
            }

            positions = termsEnum.DocsAndPositions(leaf.AtomicReader.LiveDocs, positions, DocsAndPositionsFlags.OFFSETS);
            if (positions is null)
            {
                return; // indexed without positions: nothing to mark
            }

            foreach (var local in locals)
            {
                var at = positions.DocID < local ? positions.Advance(local) : positions.DocID;
                if (at == DocIdSetIterator.NO_MORE_DOCS)
                {
                    break;
                }

                if (at != local)
                {
                    continue;
                }

                var key = (leaf.DocBase + local, field);
                if (!_found.TryGetValue(key, out var matches))
                {
                    matches = [];
                    _found[key] = matches;
                }

                for (var i = positions.Freq; i > 0; i--)
                {
                    positions.NextPosition();
                    if (positions.StartOffset >= 0 && positions.EndOffset > positions.StartOffset)
                    {
                        matches.Add(new Match(positions.StartOffset, positions.EndOffset, term));
                    }
                }
            }
        }
    }

    /// <summary>The exact terms, and for each prefix* the terms of this segment's field that start with it.</summary>
    private static List<string> Expand(Terms fieldTerms, IReadOnlySet<string> terms)
    {
        var expanded = new List<string>(terms.Count);
        foreach (var term in terms)
        {
            if (!term.EndsWith('*'))
            {
                expanded.Add(term);
                continue;
            }

            var prefix = new BytesRef(term[..^1]);
            var enumerator = fieldTerms.GetEnumerator();
            if (prefix.Length == 0 || enumerator.SeekCeil(prefix) == TermsEnum.SeekStatus.END)
            {
                continue;
            }

            var added = 0;
            do
            {
                if (!StringHelper.StartsWith(enumerator.Term, prefix))
                {
                    break;
                }

                expanded.Add(enumerator.Term.Utf8ToString());
            }
            while (++added < MaxPrefixTerms && enumerator.MoveNext());
        }

        return expanded;
    }
}
