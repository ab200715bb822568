using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Videnscenter.Search.Indexing;
using Videnscenter.Search.Results;
using Videnscenter.Search.Storage;
using SQLitePCL;

namespace Videnscenter.Search.Querying;

/// <summary>
/// Runs a <see cref="SearchRequest"/>: strict (all words) → widened/corrected words → any word.
/// Each attempt is ONE pass over the FTS5 matches, access-filtered inside the SQL (the audience bits
/// of the row id, <c>((rowid &gt;&gt; 16) &amp; 3) &lt;= reader</c>, see <see cref="DocumentKey"/>), that
/// yields the total, the facet counts of the whole result set and the best hits of the requested
/// page; only the page's documents are then read (again access-checked) and snippeted. All
/// statements of one search run in one read transaction (one snapshot). Nothing is cached between
/// searches except per-document facts (<see cref="DocumentInfoTable"/>) and facet value names.
/// </summary>
/// <remarks>
/// Score = BM25 (column weights title 10, summary 4, body 1; see <see cref="Bm25Scoring"/>) × the document's boost × a time factor:
/// <see cref="UpcomingFactor"/> for an event/course that has not started yet (StartsUtc ≥ now),
/// <see cref="PastFactor"/> for one that has, 1 for documents without a start. So among comparable
/// matches upcoming events come first and past ones last, while a much better text match still wins.
/// </remarks>
internal static class SearchExecutor
{
    /// <summary>Rank bonus for upcoming events and courses.</summary>
    public const double UpcomingFactor = 1.25;

    /// <summary>Rank penalty for past events and courses.</summary>
    public const double PastFactor = 0.8;

    /// <summary>Deepest hit that can be paged to.</summary>
    public const int MaxWindow = 10_000;

    /// <summary>
    /// The one pass over all matches: row id and score, access-filtered in SQL by the audience bits of
    /// the row id (see <see cref="DocumentKey"/>). ?1 match, ?2 reader level, ?3/?4 BM25 length weights.
    /// </summary>
    private const string WeightedMatchSql = "SELECT rowid, " + Bm25Scoring.WeightedSql + " FROM fts WHERE fts MATCH ?1 AND "
        + DocumentKey.AudienceSql + " <= ?2";

    /// <summary>The same for a single-term query, scored by <see cref="Bm25Scoring.FromConstantWeights"/>.</summary>
    private const string ConstantMatchSql = "SELECT rowid, " + Bm25Scoring.ConstantSql + " FROM fts WHERE fts MATCH ?1 AND "
        + DocumentKey.AudienceSql + " <= ?2";

    private const string TermDocumentsSql = "SELECT coalesce((SELECT df FROM terms WHERE stem = $stem), 0)";

    private const string FacetIdSql = "SELECT id FROM facet_values WHERE name = $name AND value = $value";

    public static SearchResult Run(IndexStore store, ReaderSession session, SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        int pageSize = Math.Clamp(request.PageSize, 1, 100);
        int page = Math.Clamp(request.Page, 1, MaxWindow / pageSize);
        Audience reader = Enum.IsDefined(request.Reader) ? request.Reader : Audience.Offentlig;
        long now = IndexWriter.ToUnixMilliseconds(request.NowUtc ?? DateTime.UtcNow);

        ParsedQuery query = ParsedQuery.Parse(request.Query);
        int positives = query.Positive.Count();
        if (positives == 0)
        {
            return SearchResult.Empty(page, pageSize);
        }

        using ReaderSession.ReadScope scope = session.BeginRead();
        List<int>? requiredFacets = ResolveFilters(session, request);
        if (requiredFacets is null)
        {
            return SearchResult.Empty(page, pageSize);
        }

        int skip = (page - 1) * pageSize;
        var scan = new Scan(reader, Bm25Scoring.Read(session), requiredFacets, now, skip + pageSize);
        MatchSet set = Match(store, session, query, anyClause: false, scan);
        bool relaxed = false;
        if (set.Total == 0)
        {
            if (QueryExpansion.Expand(session, query, reader))
            {
                set = Match(store, session, query, anyClause: false, scan);
            }

            if (set.Total == 0 && positives > 1)
            {
                set = Match(store, session, query, anyClause: true, scan);
                relaxed = set.Total > 0;
            }
        }

        return new SearchResult
        {
            Total = set.Total,
            Hits = PageOfHits(session, query, set, reader, skip, pageSize),
            Facets = FacetsOf(store, session, set),
            DidYouMean = QueryExpansion.DidYouMean(query),
            RelaxedToAnyWord = relaxed,
            Page = page,
            PageSize = pageSize,
        };
    }

    /// <summary>
    /// The request's filters (type, department, facets) as facet value ids every hit must carry; null
    /// when a filter value does not exist (no hits).
    /// </summary>
    private static List<int>? ResolveFilters(ReaderSession session, SearchRequest request)
    {
        var pairs = new List<(string Name, string Value)>();
        if (!string.IsNullOrWhiteSpace(request.Type))
        {
            pairs.Add((PreparedDocument.TypeFacet, request.Type.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(request.Department))
        {
            pairs.Add((PreparedDocument.DepartmentFacet, request.Department.Trim()));
        }

        foreach (KeyValuePair<string, string> pair in request.FacetFilters ?? new Dictionary<string, string>())
        {
            if (!string.IsNullOrWhiteSpace(pair.Key) && !string.IsNullOrWhiteSpace(pair.Value))
            {
                pairs.Add((pair.Key.Trim(), pair.Value.Trim()));
            }
        }

        var required = new List<int>();
        foreach ((string name, string value) in pairs.Distinct())
        {
            SqliteCommand command = session.Command(FacetIdSql);
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$value", value);
            if (command.ExecuteScalar() is not long id)
            {
                return null;
            }

            required.Add(checked((int)id));
        }

        return required;
    }

    /// <summary>One pass over all matches of the query: total, facet counts, best hits.</summary>
    private static MatchSet Match(IndexStore store, ReaderSession session, ParsedQuery query, bool anyClause, Scan scan)
    {
        string match = MatchExpression.Build(query.Clauses, anyClause)!;
        Bm25Scoring scoring = scan.Scoring;
        string? singleTerm = SingleTerm(query);
        double idf = 0;
        if (singleTerm is not null)
        {
            SqliteCommand count = session.Command(TermDocumentsSql);
            count.Parameters.AddWithValue("$stem", singleTerm);
            idf = scoring.Idf((long)count.ExecuteScalar()!);
        }

        DocumentInfoTable documents = store.Documents;
        var set = new MatchSet(scan.Window);
        bool filtered = scan.RequiredFacets.Count > 0;
        long now = scan.NowUnixMs;
        sqlite3_stmt statement = session.Statement(singleTerm is null ? WeightedMatchSql : ConstantMatchSql);
        try
        {
            session.Check(raw.sqlite3_bind_text(statement, 1, match));
            session.Check(raw.sqlite3_bind_int(statement, 2, (int)scan.Reader));
            if (singleTerm is null)
            {
                session.Check(raw.sqlite3_bind_double(statement, 3, scoring.Alpha));
                session.Check(raw.sqlite3_bind_double(statement, 4, scoring.Beta));
            }

            while (true)
            {
                int rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_ROW)
                {
                    session.Check(rc);
                    break;
                }

                long rowid = raw.sqlite3_column_int64(statement, 0);
                double bm25 = raw.sqlite3_column_double(statement, 1);
                if (!documents.TryGet(rowid, out DocumentRef document))
                {
                    if (DocumentInfoTable.Fetch(session, rowid) is not DocumentRef fetched)
                    {
                        continue;
                    }

                    document = fetched;
                }

                if (filtered && !HasAll(document, scan.RequiredFacets))
                {
                    continue;
                }

                double score = (singleTerm is null ? -bm25 : scoring.FromConstantWeights(bm25, idf, DocumentKey.LengthOf(rowid))) * document.Boost;
                long starts = document.Starts;
                if (starts != DocumentInfoTable.Chunk.NoStart)
                {
                    score *= starts >= now ? UpcomingFactor : PastFactor;
                }

                set.Top.Add(rowid, score, document);
                set.CountFacets(document.FacetValueIds);
                set.Total++;
            }
        }
        finally
        {
            ReaderSession.Reset(statement);
        }

        return set;
    }

    private static List<SearchHit> PageOfHits(ReaderSession session, ParsedQuery query, MatchSet set, Audience reader, int skip, int pageSize)
    {
        List<(long Rowid, string Id, double Score)> ranked = set.Top.Ranked();
        if (ranked.Count <= skip)
        {
            return [];
        }

        ranked = ranked.GetRange(skip, Math.Min(pageSize, ranked.Count - skip));
        var documents = new Dictionary<long, (string Type, string Title, string Url, string Summary, string Body)>();
        string sql = """
            SELECT d.doc, d.type, t.title, t.url, t.summary, t.body
            FROM docs d JOIN doc_text t ON t.doc = d.doc
            WHERE d.audience <= $reader AND d.doc IN (
            """ + string.Join(',', ranked.Select(r => r.Rowid.ToString(CultureInfo.InvariantCulture))) + ")";
        using (SqliteCommand command = session.CreateCommand(sql))
        {
            command.Parameters.AddWithValue("$reader", (int)reader);
            using SqliteDataReader rows = command.ExecuteReader();
            while (rows.Read())
            {
                documents[rows.GetInt64(0)] = (rows.GetString(1), rows.GetString(2), rows.GetString(3), rows.GetString(4), rows.GetString(5));
            }
        }

        HighlightTerms terms = HighlightTerms.From(query);
        var hits = new List<SearchHit>(ranked.Count);
        foreach ((long rowid, string id, double score) in ranked)
        {
            if (documents.TryGetValue(rowid, out var d))
            {
                hits.Add(new SearchHit(id, d.Title, d.Url, d.Type, SnippetBuilder.Build(d.Summary, d.Body, terms), score));
            }
        }

        return hits;
    }

    private static Dictionary<string, IReadOnlyList<FacetValue>> FacetsOf(IndexStore store, ReaderSession session, MatchSet set)
    {
        var names = store.FacetValueNames;
        var counted = new List<(long Id, int Count)>();
        bool missing = false;
        for (int id = 0; id < set.FacetCounts.Length; id++)
        {
            if (set.FacetCounts[id] > 0)
            {
                counted.Add((id, set.FacetCounts[id]));
                missing |= !names.ContainsKey(id);
            }
        }

        if (missing)
        {
            // Facet value ids are never reused, so names read once stay right.
            using SqliteCommand command = session.CreateCommand("SELECT id, name, value FROM facet_values");
            using SqliteDataReader rows = command.ExecuteReader();
            while (rows.Read())
            {
                names.TryAdd(rows.GetInt64(0), (rows.GetString(1), rows.GetString(2)));
            }
        }

        var groups = new Dictionary<string, List<FacetValue>>(StringComparer.Ordinal);
        foreach ((long id, int count) in counted)
        {
            if (!names.TryGetValue(id, out var pair))
            {
                continue;
            }

            if (!groups.TryGetValue(pair.Name, out List<FacetValue>? values))
            {
                groups[pair.Name] = values = [];
            }

            values.Add(new FacetValue(pair.Value, count));
        }

        var facets = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        foreach ((string name, List<FacetValue> values) in groups)
        {
            values.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : DanishOrder.Compare(a.Value, b.Value));
            facets[name] = values;
        }

        return facets;
    }

    /// <summary>
    /// The term when the query's BM25 has a single phrase of a single term (one positive word without
    /// alternatives; exclusions add nothing to the score), else null.
    /// </summary>
    private static string? SingleTerm(ParsedQuery query)
    {
        QueryClause? only = null;
        foreach (QueryClause clause in query.Positive)
        {
            if (only is not null)
            {
                return null;
            }

            only = clause;
        }

        return only is { Alternatives: [{ Prefix: false, Terms: [string term] }] } ? term : null;
    }

    private static bool HasAll(DocumentRef document, List<int> facetValueIds)
    {
        foreach (int id in facetValueIds)
        {
            if (!document.HasFacetValue(id))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What a pass over the matches needs besides the MATCH expression.</summary>
    /// <param name="Reader">The reader's level (the access filter).</param>
    /// <param name="Scoring">BM25 statistics of this snapshot.</param>
    /// <param name="RequiredFacets">Facet value ids every hit must carry (type, department, facet filters).</param>
    /// <param name="NowUnixMs">"Now" for upcoming-versus-past.</param>
    /// <param name="Window">How many of the best hits to keep (up to the end of the requested page).</param>
    private sealed record Scan(Audience Reader, Bm25Scoring Scoring, List<int> RequiredFacets, long NowUnixMs, int Window);

    /// <summary>Everything one pass over the matches collects.</summary>
    private sealed class MatchSet(int window)
    {
        public int Total;

        public TopHits Top { get; } = new(window);

        public int[] FacetCounts { get; private set; } = new int[64];

        public void CountFacets(ReadOnlySpan<int> ids)
        {
            int[] counts = FacetCounts;
            foreach (int id in ids)
            {
                if ((uint)id >= (uint)counts.Length)
                {
                    int[] larger = new int[Math.Max(id + 1, counts.Length * 2)];
                    counts.CopyTo(larger, 0);
                    FacetCounts = counts = larger;
                }

                counts[id]++;
            }
        }
    }
}
