using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Content.Settings;
using Videnscenter.Theme.Display;
using Videnscenter.Web.Identity;

namespace Videnscenter.Web.Pages;

/// <summary>The front page: every section, what is coming up, what is new, and intro material for volunteers.</summary>
public sealed class IndexModel(ContentStore store, SchemaStore schemaStore, SiteSettings settings) : PageModel
{
    public ContentSchema Schema { get; private set; } = ContentSchema.Empty;
    public string Tagline { get; private set; } = "";
    public IReadOnlyList<(ContentTypeDefinition Type, int Count)> Sections { get; private set; } = [];
    public IReadOnlyList<(ContentItem Item, DateTimeRange Next)> Upcoming { get; private set; } = [];
    public IReadOnlyList<ContentItem> RecentMethods { get; private set; } = [];
    public IReadOnlyList<ContentItem> Intro { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Schema = await schemaStore.GetAsync(ct);
        Tagline = await settings.GetAsync(SiteSettings.Tagline, ct) ?? "";
        var items = await store.ListPublishedAsync(null, User.ReaderAudience(), ct);

        Sections = Schema.Types.Where(t => t.Routable && t.Name != "Page")
            .Select(t => (t, items.Count(i => i.Type == t.Name))).ToList();

        // Courses and events by their next session that has not ended yet (times are Danish local).
        var now = Danish.ToLocal(DateTime.UtcNow);
        Upcoming = items.Where(i => i.Type is "Course" or "Event")
            .Select(i => (Item: i, Next: i.Ranges(i.Type == "Course" ? "sessions" : "when").FirstOrDefault(r => r.End >= now)))
            .Where(x => x.Next is not null)
            .OrderBy(x => x.Next!.Start)
            .Take(6)
            .Select(x => (x.Item, x.Next!))
            .ToList();
        RecentMethods = items.Where(i => i.Type == "Method").OrderByDescending(i => i.ModifiedUtc).Take(5).ToList();
        Intro = items.Where(i => i.Type == "Page" && i.Bool("forVolunteers")).ToList();
    }

    public string UrlOf(ContentItem item) => ContentUrls.Of(Schema, item);
}
