using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Theme.Display;
using Videnscenter.Web.Events;
using Videnscenter.Web.Identity;

namespace Videnscenter.Web.Pages.Sections;

/// <summary>A published item by its section and slug, rendered with its type's template or the generic one.</summary>
public sealed class DetailModel(ContentStore store, SchemaStore schemaStore, ICompositeViewEngine views) : PageModel
{
    public DisplayModel Display { get; private set; } = null!;
    public string Template { get; private set; } = "Display/_Generic";

    public async Task<IActionResult> OnGetAsync(string section, string slug, CancellationToken ct)
    {
        var schema = await schemaStore.GetAsync(ct);
        var type = schema.BySection(section);
        var reader = User.ReaderAudience();
        // An item the reader may not see answers 404 like a missing one, so its existence is not revealed.
        var item = type is null ? null : await store.GetPublishedAsync(type.Name, slug, reader, ct);
        if (type is null || item is null) return NotFound();

        Display = await BuildAsync(store, schema, type, item, reader, ct);
        if (type.Name == EventSchedule.TypeName) Display = await WithEventExtrasAsync(Display, reader, ct);
        var specific = $"Display/{type.Name}";
        if (views.FindView(PageContext, specific, isMainPage: false).Success) Template = specific;
        return Page();
    }

    /// <summary>An event page also carries schema.org markup and links to the events before and after it.</summary>
    private async Task<DisplayModel> WithEventExtrasAsync(DisplayModel display, Videnscenter.Content.Audience reader, CancellationToken ct)
    {
        var baseUrl = $"{Request.Scheme}://{Request.Host}";
        var events = EventSchedule.Chronological(await store.ListPublishedAsync(EventSchedule.TypeName, reader, ct));
        var index = events.ToList().FindIndex(e => e.Id == display.Item.Id);
        return display with
        {
            StructuredData = EventJsonLd.Build(display.Item, display.Schema, baseUrl, display.Linked),
            Previous = index > 0 ? events[index - 1] : null,
            Next = index >= 0 && index < events.Count - 1 ? events[index + 1] : null,
        };
    }

    internal static async Task<DisplayModel> BuildAsync(ContentStore store, ContentSchema schema, ContentTypeDefinition type,
        ContentItem item, Videnscenter.Content.Audience reader, CancellationToken ct, bool preview = false)
    {
        var referenced = type.Fields.Where(f => f.Kind == FieldKind.Reference)
            .SelectMany(f => item.References(f.Name)).Select(r => r.Id);
        var linked = await store.GetPublishedAsync(referenced, reader, ct);
        var backlinks = await store.GetPublishedReferencingAsync(item.Id, reader, ct);
        return new DisplayModel
        {
            Item = item,
            Type = type,
            Schema = schema,
            Linked = linked.ToDictionary(i => i.Id),
            Backlinks = backlinks,
            IsPreview = preview,
        };
    }
}
