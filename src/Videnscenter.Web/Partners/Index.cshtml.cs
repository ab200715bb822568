using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Theme.Display;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Sections;

namespace Videnscenter.Web.Partners;

/// <summary>The partner directory, grouped by kind of partner and filterable by kind and target group.</summary>
public sealed class IndexModel(ContentStore store, SchemaStore schemaStore) : PageModel
{
    public const string TypeName = "Partner";

    /// <summary>Group headings for the choice values of "partnerType", in the recipe's order.</summary>
    private static readonly Dictionary<string, string> GroupNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Kommunal afdeling"] = "Kommunale afdelinger",
        ["Region"] = "Regionen",
        ["Forening"] = "Foreninger",
        ["Uddannelse"] = "Uddannelse",
        ["National"] = "Nationale aktører",
    };

    public ContentTypeDefinition Type { get; private set; } = null!;
    public ContentSchema Schema { get; private set; } = ContentSchema.Empty;
    public IReadOnlyList<(string Heading, string Key, IReadOnlyList<ContentItem> Items)> Groups { get; private set; } = [];
    public IReadOnlyList<FilterSelect> Filters { get; private set; } = [];
    public int Count => Groups.Sum(g => g.Items.Count);
    public bool Filtered => Filters.Any(f => f.Selected is not null);

    [BindProperty(SupportsGet = true, Name = "type")] public string? PartnerType { get; set; }
    [BindProperty(SupportsGet = true, Name = "maalgruppe")] public string? TargetGroup { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Schema = await schemaStore.GetAsync(ct);
        if (Schema.Type(TypeName) is not { Routable: true } type) return NotFound();
        Type = type;

        var kinds = type.Field("partnerType")?.Options ?? [];
        var all = await store.ListPublishedAsync(TypeName, User.ReaderAudience(), ct);
        (var items, Filters) = ListFilter.Apply(all,
        [
            new("type", "Type", "Alle typer", p => p.Values("partnerType"), kinds.Select(k => (k, k)).ToList(), PartnerType),
            new("maalgruppe", "Målgruppe", "Alle målgrupper", p => p.Values("targetGroups"), ListFilter.Terms(Schema, "maalgrupper"), TargetGroup),
        ]);

        // Grouped in the recipe's order of kinds; a partner without a (known) kind goes last under "Andre".
        Groups = items.GroupBy(p => p.Values("partnerType").FirstOrDefault(v => kinds.Contains(v)) ?? "")
            .OrderBy(g => g.Key.Length == 0 ? int.MaxValue : kinds.ToList().IndexOf(g.Key))
            .Select(g => (g.Key.Length == 0 ? "Andre" : GroupNames.GetValueOrDefault(g.Key, g.Key), g.Key,
                          (IReadOnlyList<ContentItem>)g.OrderBy(p => p.Title, Danish.Sort).ToList()))
            .ToList();
        return Page();
    }

    public string UrlOf(ContentItem item) => ContentUrls.Of(Schema, item);

    public IReadOnlyList<string> TargetGroups(ContentItem item) =>
        item.Values("targetGroups").Select(v => Schema.Taxonomy("maalgrupper")?.LabelOf(v) ?? v).ToList();

    public string Description()
    {
        var parts = Filters.Where(f => f.Selected is not null)
            .Select(f => $"{f.Label.ToLowerInvariant()}: {f.Options.First(o => o.Value == f.Selected).Label}").ToList();
        return parts.Count == 0 ? "" : "med " + string.Join(", ", parts);
    }

    public static string GroupId(string key) => "gruppe-" + (key.Length == 0 ? "andre" : Slugs.FromTitle(key));
}
