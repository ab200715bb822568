using Microsoft.AspNetCore.Mvc;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Editing;

/// <summary>All items of one type for editors (every status), with a text filter, sorting and paging.</summary>
public sealed class ListModel(ContentStore store, SchemaStore schemaStore) : AdminPage
{
    public const int PageSize = 25;

    public static readonly IReadOnlyList<(string Key, string Label)> Sorts =
        [("aendret", "Senest ændret"), ("titel", "Titel"), ("status", "Status")];

    public ContentSchema Schema { get; private set; } = ContentSchema.Empty;
    public ContentTypeDefinition Type { get; private set; } = null!;
    public IReadOnlyList<ContentItem> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages { get; private set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "sorter")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "side")]
    public int PageNumber { get; set; } = 1;

    public async Task<IActionResult> OnGetAsync(string type, CancellationToken ct)
    {
        Schema = await schemaStore.GetAsync(ct);
        if (AdminUrls.TypeOf(Schema, type) is not { } definition) return NotFound();
        Type = definition;
        if (Sorts.All(s => s.Key != Sort)) Sort = "aendret";

        IEnumerable<ContentItem> items = await store.ListLatestAsync(Type.Name, ct);
        var q = Query?.Trim();
        if (!string.IsNullOrEmpty(q))
            items = items.Where(i => Matches(i, q));
        items = Sort switch
        {
            "titel" => items.OrderBy(i => i.Title, Danish.Sort),
            "status" => items.OrderBy(StatusText.Rank).ThenBy(i => i.Title, Danish.Sort),
            _ => items.OrderByDescending(i => i.ModifiedUtc),
        };
        var all = items.ToList();
        Total = all.Count;
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Items = all.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    private static bool Matches(ContentItem item, string q) =>
        item.Title.Contains(q, StringComparison.CurrentCultureIgnoreCase)
        || item.Slug.Contains(q, StringComparison.OrdinalIgnoreCase)
        || item.Summary.Contains(q, StringComparison.CurrentCultureIgnoreCase)
        || item.Author.Contains(q, StringComparison.CurrentCultureIgnoreCase);

    /// <summary>This list with one setting changed, keeping the others.</summary>
    public string ListUrl(int? page = null, string? sort = null)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(Query)) query.Add($"q={Uri.EscapeDataString(Query.Trim())}");
        var s = sort ?? Sort;
        if (s is not null and not "aendret") query.Add($"sorter={s}");
        var p = page ?? PageNumber;
        if (p > 1) query.Add($"side={p}");
        return AdminUrls.List(Type) + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
