namespace Videnscenter.Search;

/// <summary>One hit on the current page.</summary>
/// <param name="Id">The document id.</param>
/// <param name="Title">The title as indexed (plain text; HTML-encode it when rendering).</param>
/// <param name="Url">Where the hit links to.</param>
/// <param name="Type">The content type name.</param>
/// <param name="SnippetHtml">A short excerpt of the summary or body: HTML-encoded text with the matched
/// words wrapped in &lt;mark&gt;…&lt;/mark&gt;; safe to insert as HTML.</param>
/// <param name="Score">Relevance (higher is better): Lucene BM25 over the weighted fields × boost × upcoming/past factor.</param>
public sealed record SearchHit(string Id, string Title, string Url, string Type, string SnippetHtml, double Score)
{
    /// <summary>For a slide deck: its best-matching slides, best first (at most three); empty otherwise.
    /// The deck counts once in <see cref="SearchResult.Total"/> and in the facets.</summary>
    public IReadOnlyList<SlideHit> Slides { get; init; } = [];
}

/// <summary>One matching slide of a deck hit.</summary>
/// <param name="Id">The slide's document id, e.g. "guid#slide-3".</param>
/// <param name="Number">The slide number (1-based), or 0 when the id carries none.</param>
/// <param name="Title">The slide's title as indexed (plain text; HTML-encode it when rendering).</param>
/// <param name="Url">The deep link to the slide.</param>
/// <param name="SnippetHtml">Excerpt in the same convention as <see cref="SearchHit.SnippetHtml"/>.</param>
/// <param name="Score">The slide's own relevance.</param>
public sealed record SlideHit(string Id, int Number, string Title, string Url, string SnippetHtml, double Score);

/// <summary>One facet value and how many documents of the whole (filtered) result set carry it.</summary>
public sealed record FacetValue(string Value, int Count);

/// <summary>The answer to a <see cref="SearchRequest"/>.</summary>
public sealed record SearchResult
{
    /// <summary>Number of matching documents the reader may see (all pages).</summary>
    public int Total { get; init; }

    /// <summary>The hits of the requested page, best first.</summary>
    public IReadOnlyList<SearchHit> Hits { get; init; } = [];

    /// <summary>Facet name ("type", "department", "audience", "tag" and every key of
    /// <see cref="SearchDocument.Facets"/>) → values with counts over the whole result set, most
    /// frequent first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets { get; init; } =
        new Dictionary<string, IReadOnlyList<FacetValue>>();

    /// <summary>"Mente du …?": the query with misspelt words replaced by the closest words of documents
    /// the reader may see; null when no word needed correcting. When set, the hits are those of the
    /// corrected query (the original found nothing).</summary>
    public string? DidYouMean { get; init; }

    /// <summary>Synonyms (from <see cref="SearchIndex.Synonyms"/>) that were searched besides the typed words.</summary>
    public IReadOnlyList<string> SynonymsTried { get; init; } = [];

    /// <summary>True when no document had all the words, so the hits are documents with any of them.</summary>
    public bool RelaxedToAnyWord { get; init; }

    /// <summary>The page returned (1-based).</summary>
    public int Page { get; init; } = 1;

    /// <summary>The page size used.</summary>
    public int PageSize { get; init; } = 10;

    /// <summary>An empty result for the given page.</summary>
    internal static SearchResult Empty(int page, int pageSize) => new() { Page = page, PageSize = pageSize };
}
