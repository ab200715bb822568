using Videnscenter.Content.Definitions;
using Videnscenter.Content.Settings;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Caching;

namespace Videnscenter.Web.Search;

/// <summary>
/// JSON search and autocomplete, filtered by the caller's access like the search page. Convention:
/// <c>title</c> (of hits and slides) is plain text, to be escaped by whoever renders it;
/// <c>snippet</c> is HTML, already escaped, with the matched words in &lt;mark&gt;.
/// </summary>
public static class SearchApi
{
    public static void MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", async (HttpContext http, SiteSearch search, SearchAnswerCache answers, SchemaStore schemaStore, SearchSynonyms synonyms, SiteSettings settings, IServiceScopeFactory scopes) =>
        {
            var schema = await schemaStore.GetAsync(http.RequestAborted);
            await synonyms.EnsureCurrentAsync(settings, http.RequestAborted);
            var request = SearchQuery.From(http.Request.Query, schema, http.User.ReaderAudience().ToSearch());
            var result = answers.GetOrSearch(request, search.Index.Search);
            search.RebuildInBackgroundWhenNeeded(scopes);
            return Results.Json(new
            {
                total = result.Total,
                page = result.Page,
                pageSize = result.PageSize,
                hits = result.Hits.Select(h => new
                {
                    title = h.Title,
                    url = h.Url,
                    type = h.Type,
                    section = schema.Type(h.Type)?.Section,
                    snippet = h.SnippetHtml,
                    score = Math.Round(h.Score, 4),
                    slides = h.Slides.Select(s => new { number = s.Number, title = s.Title, url = s.Url, snippet = s.SnippetHtml }),
                }),
                facets = result.Facets.ToDictionary(f => f.Key, f => f.Value.Select(v => new { value = v.Value, count = v.Count })),
                didYouMean = result.DidYouMean,
                relaxedToAnyWord = result.RelaxedToAnyWord,
                synonymsTried = result.SynonymsTried,
            });
        }).RequireRateLimiting(SearchFeature.RateLimit);

        app.MapGet("/api/autocomplete", (HttpContext http, SiteSearch search) =>
        {
            var prefix = http.Request.Query["q"].ToString();
            if (prefix.Length > 100) prefix = prefix[..100];
            return Results.Json(search.Index.Autocomplete(prefix, http.User.ReaderAudience().ToSearch()));
        }).RequireRateLimiting(SearchFeature.RateLimit);
    }
}
