using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Theme.Display;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Sections;

namespace Videnscenter.Web.Methods;

/// <summary>The method catalogue, narrowed by theme, target group, department and recovery principle.</summary>
public sealed class IndexModel(ContentStore store, SchemaStore schemaStore) : PageModel
{
    public const string TypeName = "Method";

    public ContentTypeDefinition Type { get; private set; } = null!;
    public ContentSchema Schema { get; private set; } = ContentSchema.Empty;
    public IReadOnlyList<ContentItem> Items { get; private set; } = [];
    public IReadOnlyList<FilterSelect> Filters { get; private set; } = [];
    public bool Filtered => Filters.Any(f => f.Selected is not null);

    [BindProperty(SupportsGet = true, Name = "tema")] public string? Theme { get; set; }
    [BindProperty(SupportsGet = true, Name = "maalgruppe")] public string? TargetGroup { get; set; }
    [BindProperty(SupportsGet = true, Name = "afdeling")] public string? Department { get; set; }
    [BindProperty(SupportsGet = true, Name = "princip")] public string? Principle { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Schema = await schemaStore.GetAsync(ct);
        if (Schema.Type(TypeName) is not { Routable: true } type) return NotFound();
        Type = type;

        // Only what the reader may see is listed or counted, so a filter never hints at internal methods.
        var all = await store.ListPublishedAsync(TypeName, User.ReaderAudience(), ct);
        (Items, Filters) = ListFilter.Apply(all,
        [
            new("tema", "Tema", "Alle temaer", i => i.Values("themes"), ListFilter.Terms(Schema, "temaer"), Theme),
            new("maalgruppe", "Målgruppe", "Alle målgrupper", i => i.Values("targetGroups"), ListFilter.Terms(Schema, "maalgrupper"), TargetGroup),
            new("afdeling", "Afdeling", "Alle afdelinger", i => i.Departments, ListFilter.Terms(Schema, "afdelinger"), Department),
            new("princip", "Princip for recovery", "Alle principper", i => i.Values("principles"), ListFilter.Terms(Schema, "principper"), Principle),
        ]);
        return Page();
    }

    public string UrlOf(ContentItem item) => ContentUrls.Of(Schema, item);

    public IReadOnlyList<string> Themes(ContentItem item) =>
        item.Values("themes").Select(v => Schema.Taxonomy("temaer")?.LabelOf(v) ?? v).ToList();

    /// <summary>"med temaet «Rusmidler» og målgruppen «Pårørende»": what the list is narrowed to, in words.</summary>
    public string Description()
    {
        var parts = Filters.Where(f => f.Selected is not null)
            .Select(f => $"{f.Label.ToLowerInvariant()}: {f.Options.First(o => o.Value == f.Selected).Label}").ToList();
        return parts.Count == 0 ? "" : "med " + string.Join(", ", parts);
    }
}
