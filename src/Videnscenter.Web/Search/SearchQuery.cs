using Microsoft.AspNetCore.Http;
using Videnscenter.Content.Definitions;
using Videnscenter.Search;

namespace Videnscenter.Web.Search;

/// <summary>
/// Reads a search from the query string (the page and the API share it): q, type, department,
/// page, and one parameter per facet name, e.g. <c>recovery-vaerdier=Selvbestemmelse</c>.
/// </summary>
public static class SearchQuery
{
    public const int PageSize = 10;
    public const int MaxQueryLength = 500;

    /// <summary>Facets shown and filterable besides type and department.</summary>
    public static IReadOnlyList<string> ExtraFacetNames(ContentSchema schema) =>
        schema.Types.SelectMany(t => t.Fields).Where(f => f.Facet).Select(SearchDocuments.FacetName).Distinct().ToList();

    public static SearchRequest From(IQueryCollection query, ContentSchema schema, Videnscenter.Search.Audience reader)
    {
        var text = query["q"].ToString();
        if (text.Length > MaxQueryLength) text = text[..MaxQueryLength];
        var filters = new Dictionary<string, string>();
        foreach (var name in ExtraFacetNames(schema))
            if (query[name].ToString() is { Length: > 0 } value) filters[name] = value;
        var page = int.TryParse(query["page"], out var p) ? Math.Clamp(p, 1, 1000) : 1;
        return new SearchRequest
        {
            Query = text,
            Reader = reader,
            Type = Empty(query["type"]),
            Department = Empty(query["department"]),
            FacetFilters = filters,
            Page = page,
            PageSize = PageSize,
        };
    }

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>The Danish heading of a facet.</summary>
    public static string FacetLabel(string name, ContentSchema schema) => name switch
    {
        "type" => "Sektion",
        "department" => "Afdeling",
        "audience" => "Adgang",
        "tag" => "Emneord",
        _ => schema.Taxonomy(name)?.DisplayName
             ?? schema.Types.SelectMany(t => t.Fields).FirstOrDefault(f => f.Name == name)?.Label
             ?? name,
    };

    /// <summary>How a facet value reads: type names become section names, audiences Danish phrases.</summary>
    public static string ValueLabel(string facet, string value, ContentSchema schema) => facet switch
    {
        "type" => schema.Type(value)?.PluralName ?? value,
        "audience" => value switch { "Medarbejder" => "Kun medarbejdere", "Frivillig" => "Frivillige og medarbejdere", _ => "Alle" },
        _ => value,
    };
}
