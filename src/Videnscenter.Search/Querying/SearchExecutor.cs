using Lucene.Net.Facet;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Videnscenter.Search.Analysis;
using Videnscenter.Search.Index;
using Videnscenter.Search.Results;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace Videnscenter.Search.Querying;

/// <summary>
/// Runs one <see cref="SearchRequest"/>: plans the query, searches all words and then any word,
/// groups slides under their deck, counts facets under the access filter and builds the hits.
/// </summary>
internal static class SearchExecutor
{
    private const int MaxPageSize = 100;

    /// <summary>Ranking deeper than this is not offered (nobody pages that far); totals stay exact.</summary>
    private const int MaxRankedDepth = 10_000;

    /// <summary>Values listed per facet (a filter panel shows far fewer).</summary>
    private const int MaxFacetValues = 100;

    /// <summary>Facet values of equal count in Danish alphabetical order (created once, not per dimension and query).</summary>
    private static readonly StringComparer DanishOrder = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("da-DK"), ignoreCase: true);

    /// <summary>The stored fields a hit shows: only these are read from the stored documents.</summary>
    private static readonly ISet<string> HitFields = new HashSet<string>(StringComparer.Ordinal)
    {
        IndexFields.Id, IndexFields.Title, IndexFields.Url, IndexFields.Type, IndexFields.Summary, IndexFields.BodyStored,
    };

    public static SearchResult Run(IndexGeneration generation, IndexSearcher searcher, DanishAnalysis analysis, SynonymSet synonyms, SearchRequest request)
    {
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, request.Page);
        var reader = Enum.IsDefined(request.Reader) ? request.Reader : Audience.Offentlig;
        var parsed = UserQuery.Parse(request.Query);
        if (!parsed.HasPositive)
        {
            return SearchResult.Empty(page, pageSize);
        }

        var vocabulary = new Vocabulary(searcher, reader);
        var plan = new QueryPlanner(analysis, vocabulary, synonyms).Plan(parsed);
        if (plan.AllWords is null)
        {
            return SearchResult.Empty(page, pageSize);
        }

        var filter = Filters(generation, reader, request);
        var nowTicks = (request.NowUtc ?? DateTime.UtcNow).Ticks;
        var offset = (long)(page - 1) * pageSize;
        var wanted = (int)Math.Min(offset + pageSize, MaxRankedDepth);

        var collected = Collect(searcher, plan.AllWords, filter, wanted, nowTicks);
        var relaxed = false;
        if (collected.Total == 0 && plan.AnyWord is not null)
        {
            collected = Collect(searcher, plan.AnyWord, filter, wanted, nowTicks);
            relaxed = collected.Total > 0;
        }

        if (collected.Total == 0)
        {
            return SearchResult.Empty(page, pageSize) with { DidYouMean = plan.DidYouMean, SynonymsTried = plan.SynonymsTried };
        }

        var onPage = new List<(Group Group, int Shown)>();
        for (var i = offset; i < collected.Groups.Count && onPage.Count < pageSize; i++)
        {
            var group = collected.Groups[(int)i];
            onPage.Add((group, ShownDocument(searcher, group, reader)));
        }

        var matcher = new SnippetMatcher(analysis, plan.HighlightTerms);
        var hits = onPage.Select(p => BuildHit(searcher, p.Group, p.Shown, matcher)).ToList();

        return new SearchResult
        {
            Total = collected.Total,
            Hits = hits,
            Facets = CountFacets(generation, searcher, collected.Collector),
            DidYouMean = plan.DidYouMean,
            SynonymsTried = plan.SynonymsTried,
            RelaxedToAnyWord = relaxed,
            Page = page,
            PageSize = pageSize,
        };
    }

    /// <summary>The access filter, and the type/department/facet filters of the request.</summary>
    private static Filter? Filters(IndexGeneration generation, Audience reader, SearchRequest request)
    {
        var terms = new List<Term>();
        void Require(string dimension, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                terms.Add(DrillDownQuery.Term(FacetsConfig.DEFAULT_INDEX_FIELD_NAME, dimension, value));
            }
        }

        Require(IndexFields.TypeFacet, request.Type);
        Require(IndexFields.DepartmentFacet, request.Department);
        foreach ((var name, var value) in request.FacetFilters ?? new Dictionary<string, string>())
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                Require(name, value ?? "");
            }
        }

        var access = generation.AudienceFilter(reader);
        if (terms.Count == 0)
        {
            return access;
        }

        var all = new BooleanQuery();
        if (access is not null)
        {
            all.Add(new ConstantScoreQuery(access), Occur.MUST);
        }

        foreach (var term in terms)
        {
            all.Add(new TermQuery(term), Occur.MUST);
        }

        return new QueryWrapperFilter(all);
    }

    private sealed record Collected(int Total, List<Group> Groups, GroupingCollector Collector);

    /// <summary>One hit to be: the document shown (the deck, or a slide when the deck did not match) and its slides.</summary>
    private sealed record Group(string Key, double Score, GroupingCollector.Entry? Document, IReadOnlyList<GroupingCollector.Entry> Slides, GroupingCollector Collector);

    private static Collected Collect(IndexSearcher searcher, Query query, Filter? filter, int wanted, long nowTicks)
    {
        var capacity = Math.Max(wanted * 2, wanted + 10);
        while (true)
        {
            var collector = new GroupingCollector(capacity, nowTicks);
            searcher.Search(query, filter, collector);
            if (collector.Matches == 0)
            {
                return new Collected(0, [], collector);
            }

            // A deck "matched itself" when its own document is among the matches.
            var deckMatched = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var deck in collector.SlideGroups.Keys)
            {
                deckMatched[deck] = IsMatch(searcher, collector, deck);
            }

            collector.CountOncePerDeck(deck => deckMatched[deck]);
            var total = collector.Matches - collector.SlideMatches + deckMatched.Count(d => !d.Value);

            var groups = GroupBest(collector);
            var complete = groups.Count >= wanted || capacity >= collector.Matches;
            if (complete || capacity >= 8 * MaxRankedDepth)
            {
                return new Collected(total, groups, collector);
            }

            capacity *= 4; // Slides crowded out whole items: look deeper.
        }
    }

    /// <summary>Best first, one entry per deck: its score is that of its best document.</summary>
    private static List<Group> GroupBest(GroupingCollector collector)
    {
        var groups = new List<Group>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in collector.Best())
        {
            if (entry.Slide == 0)
            {
                if (collector.SlideGroups.TryGetValue(entry.Id, out var decked))
                {
                    if (seen.Add(entry.Id))
                    {
                        groups.Add(new Group(entry.Id, entry.Score, entry, decked.Best, collector));
                    }
                    else
                    {
                        var at = groups.FindIndex(g => g.Key == entry.Id);
                        groups[at] = groups[at] with { Document = entry };
                    }
                }
                else if (seen.Add(entry.Id))
                {
                    groups.Add(new Group(entry.Id, entry.Score, entry, [], collector));
                }

                continue;
            }

            var key = IndexFields.GroupOf(entry.Id);
            if (seen.Add(key))
            {
                var slides = collector.SlideGroups[key];
                groups.Add(new Group(key, entry.Score, null, slides.Best, collector));
            }
        }

        return groups;
    }

    private static bool IsMatch(IndexSearcher searcher, GroupingCollector collector, string id)
    {
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var docs = leaf.AtomicReader.GetTermDocsEnum(new Term(IndexFields.Id, id));
            if (docs is null)
            {
                continue;
            }

            var live = leaf.AtomicReader.LiveDocs;
            for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
            {
                if (live is not null && !live.Get(doc))
                {
                    continue;
                }

                foreach (var matching in collector.Facets.GetMatchingDocs())
                {
                    if (matching.Context.Ord == leaf.Ord && matching.Bits is Lucene.Net.Util.FixedBitSet bits && bits.Get(doc))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>The deck itself is shown when it exists and the reader may see it, even if only slides matched.</summary>
    private static int ShownDocument(IndexSearcher searcher, Group group, Audience reader)
    {
        var shown = group.Document?.Doc ?? -1;
        if (shown < 0 && group.Slides.Count > 0)
        {
            shown = FindVisible(searcher, group.Key, reader) ?? group.Slides[0].Doc;
        }

        return shown;
    }

    private static SearchHit BuildHit(IndexSearcher searcher, Group group, int shownDoc, SnippetMatcher matcher)
    {
        var shown = searcher.Doc(shownDoc, HitFields);
        var shownId = shown.Get(IndexFields.Id);
        var slides = new List<SlideHit>();
        foreach (var slide in group.Slides)
        {
            if (slide.Doc == shownDoc)
            {
                continue;
            }

            var document = searcher.Doc(slide.Doc, HitFields);
            slides.Add(new SlideHit(
                document.Get(IndexFields.Id),
                slide.Slide,
                document.Get(IndexFields.Title),
                document.Get(IndexFields.Url),
                Snippets.Build(matcher, document.Get(IndexFields.Summary), IndexFields.BodyOf(document)),
                slide.Score));
        }

        return new SearchHit(
            shownId,
            shown.Get(IndexFields.Title),
            shown.Get(IndexFields.Url),
            shown.Get(IndexFields.Type),
            Snippets.Build(matcher, shown.Get(IndexFields.Summary), IndexFields.BodyOf(shown)),
            group.Score)
        {
            Slides = slides,
        };
    }

    private static int? FindVisible(IndexSearcher searcher, string id, Audience reader)
    {
        var found = searcher.Search(new TermQuery(new Term(IndexFields.Id, id)), 1);
        if (found.ScoreDocs.Length == 0)
        {
            return null;
        }

        var doc = found.ScoreDocs[0].Doc;
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var level = leaf.AtomicReader.GetNumericDocValues(IndexFields.AudienceValue)?.Get(doc - leaf.DocBase) ?? long.MaxValue;
        return level <= (int)reader ? doc : null;
    }


    private static IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> CountFacets(IndexGeneration generation, IndexSearcher searcher, GroupingCollector collector)
    {
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        var state = generation.FacetState(searcher.IndexReader);
        if (state is null)
        {
            return result;
        }

        foreach ((var dimension, var counted) in FacetCounter.Count(state, collector.Facets.GetMatchingDocs()))
        {
            result[dimension] = [.. counted
                .OrderByDescending(v => v.Count)
                .ThenBy(v => v.Value, DanishOrder)
                .Take(MaxFacetValues)
                .Select(v => new FacetValue(v.Value, v.Count))];
        }

        return result;
    }
}
