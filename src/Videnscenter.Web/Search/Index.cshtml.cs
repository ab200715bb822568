using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Settings;
using Videnscenter.Search;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Caching;

namespace Videnscenter.Web.Search;

/// <summary>The search page: works without JavaScript, keeps the whole search in the URL.</summary>
[EnableRateLimiting(SearchFeature.RateLimit)]
public sealed class IndexModel(SiteSearch siteSearch, SearchAnswerCache answers, SchemaStore schemaStore, SearchSynonyms synonyms, SiteSettings settings, IServiceScopeFactory scopes) : PageModel
{
    public ContentSchema Schema { get; private set; } = ContentSchema.Empty;
    public SearchRequest Search { get; private set; } = new();
    public SearchResult? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Schema = await schemaStore.GetAsync(ct);
        Search = SearchQuery.From(HttpContext.Request.Query, Schema, User.ReaderAudience().ToSearch());
        if (string.IsNullOrWhiteSpace(Search.Query)) return;
        await synonyms.EnsureCurrentAsync(settings, ct);
        Result = answers.GetOrSearch(Search, siteSearch.Index.Search);
        siteSearch.RebuildInBackgroundWhenNeeded(scopes);
    }

    public string Query => Search.Query;

    /// <summary>The facets to show, in a fixed order, with the chosen value of each.</summary>
    public IEnumerable<(string Name, string Label, string? Selected, IReadOnlyList<FacetValue> Values)> Facets()
    {
        if (Result is null) yield break;
        var order = new[] { "type", "department" }.Concat(SearchQuery.ExtraFacetNames(Schema));
        if (User.Identity?.IsAuthenticated == true) order = order.Append("audience");
        foreach (var name in order)
        {
            if (!Result.Facets.TryGetValue(name, out var values) || values.Count == 0) continue;
            yield return (name, SearchQuery.FacetLabel(name, Schema), Selected(name), values);
        }
    }

    public string? Selected(string facet) => facet switch
    {
        "type" => Search.Type,
        "department" => Search.Department,
        _ => Search.FacetFilters?.GetValueOrDefault(facet),
    };

    /// <summary>The current search's URL with some parameters changed (null removes one).</summary>
    public string Link(params (string Key, string? Value)[] changes)
    {
        var values = HttpContext.Request.Query.ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        foreach (var (key, value) in changes) values[key] = value;
        if (!changes.Any(c => c.Key == "page")) values.Remove("page");
        var pairs = values.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!)}");
        return "/soeg?" + string.Join("&", pairs);
    }

    /// <summary>The sections to browse when nothing was found (those the reader may open).</summary>
    public IEnumerable<ContentTypeDefinition> BrowseSections() =>
        Schema.Types.Where(t => !string.IsNullOrEmpty(t.Section)).DistinctBy(t => t.Section);

    /// <summary>Where the sign-in link returns to: this search.</summary>
    public string ReturnUrl => Request.Path + Request.QueryString;

    public int PageCount => Result is null ? 0 : (Result.Total + Result.PageSize - 1) / Result.PageSize;
}
