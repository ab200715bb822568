using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Sections;

/// <summary>All published items of a section that the reader may see, filterable by department.</summary>
public sealed class ListModel(ContentStore store, SchemaStore schemaStore) : PageModel
{
    public ContentTypeDefinition Type { get; private set; } = null!;
    public ContentSchema Schema { get; private set; } = null!;
    public IReadOnlyList<ContentItem> Items { get; private set; } = [];
    public IReadOnlyList<(string Key, string Label, int Count)> Departments { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "afdeling")]
    public string? Department { get; set; }

    public async Task<IActionResult> OnGetAsync(string section, CancellationToken ct)
    {
        Schema = await schemaStore.GetAsync(ct);
        var type = Schema.BySection(section);
        if (type is null || !type.Routable) return NotFound();
        Type = type;

        var all = await store.ListPublishedAsync(type.Name, User.ReaderAudience(), ct);
        Departments = all.SelectMany(i => i.Departments).GroupBy(d => d)
            .Select(g => (g.Key, Schema.DepartmentLabel(g.Key), g.Count()))
            .OrderBy(d => d.Item2, Danish.Sort).ToList();
        Items = string.IsNullOrEmpty(Department) ? all : all.Where(i => i.Departments.Contains(Department)).ToList();
        return Page();
    }

    public string UrlOf(ContentItem item) => $"/{Type.Section}/{item.Slug}";
}
