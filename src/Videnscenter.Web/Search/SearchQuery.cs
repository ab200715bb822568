using Microsoft.AspNetCore.Http;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Taxonomies;
using Videnscenter.Search;

namespace Videnscenter.Web.Search;

/// <summary>
/// Reads a search from the query string (the page and the API share it): q, type, department,
/// page, and one parameter per facet name, e.g. <c>recovery-vaerdier=Selvbestemmelse</c>. Values may
/// be written as the index holds them (type name, department label, term label) or as the site's own
/// URLs write them: a section (<c>type=metoder</c>), a department key
/// (<c>department=recoveryskolen</c>) or a taxonomy key (<c>recovery-vaerdier=selvbestemmelse</c>).
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
            if (query[name].ToString() is { Length: > 0 } value) filters[name] = TermLabel(schema.Taxonomy(name), value);
        var page = int.TryParse(query["page"], out var p) ? Math.Clamp(p, 1, 1000) : 1;
        return new SearchRequest
        {
            Query = text,
            Reader = reader,
            Type = TypeName(Empty(query["type"]), schema),
            Department = Empty(query["department"]) is { } department ? TermLabel(schema.Taxonomy(TaxonomyNames.Departments), department) : null,
            FacetFilters = filters,
            Page = page,
            PageSize = PageSize,
        };
    }

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A content type by its name, its section ("metoder") or its plural name ("Metoder"); unknown values stay as given (and match nothing).</summary>
    public static string? TypeName(string? value, ContentSchema schema) =>
        value is null ? null
        : (schema.Type(value) ?? schema.BySection(value)
           ?? schema.Types.FirstOrDefault(t => string.Equals(t.PluralName, value, StringComparison.OrdinalIgnoreCase)))?.Name ?? value;

    /// <summary>A taxonomy term by its label or its key ("recoveryskolen" → "Recoveryskolen"); the index holds labels.</summary>
    public static string TermLabel(Videnscenter.Content.Taxonomies.Taxonomy? taxonomy, string value)
    {
        if (taxonomy is null) return value;
        var term = taxonomy.Terms.FirstOrDefault(t => string.Equals(t.Label, value, StringComparison.OrdinalIgnoreCase))
                   ?? taxonomy.Terms.FirstOrDefault(t => string.Equals(t.Key, value, StringComparison.OrdinalIgnoreCase));
        return term?.Label ?? value;
    }

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

    /// <summary>A slide's title under its deck's hit, without repeating the deck title ("slide 2: Mestring").</summary>
    public static string SlideLabel(string deckTitle, string slideTitle) =>
        slideTitle.StartsWith(deckTitle + ", ", StringComparison.Ordinal) && slideTitle.Length > deckTitle.Length + 2
            ? slideTitle[(deckTitle.Length + 2)..]
            : slideTitle;

    /// <summary>How a facet value reads: type names become section names, audiences Danish phrases.</summary>
    public static string ValueLabel(string facet, string value, ContentSchema schema) => facet switch
    {
        "type" => schema.Type(value)?.PluralName ?? value,
        "audience" => value switch { "Medarbejder" => "Kun medarbejdere", "Frivillig" => "Frivillige og medarbejdere", _ => "Alle" },
        _ => value,
    };
}
