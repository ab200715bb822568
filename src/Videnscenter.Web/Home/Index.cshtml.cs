using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Content.Settings;
using Videnscenter.Theme.Display;
using Videnscenter.Web.Accounts;

namespace Videnscenter.Web.Home;

/// <summary>The front page: every section, what is coming up, what is new, and intro material for volunteers.</summary>
public sealed class IndexModel(ContentStore store, SchemaStore schemaStore, SiteSettings settings) : PageModel
{
    public ContentSchema Schema { get; private set; } = ContentSchema.Empty;
    public string Tagline { get; private set; } = "";
    public IReadOnlyList<(ContentTypeDefinition Type, int Count)> Sections { get; private set; } = [];
    public IReadOnlyList<(ContentItem Item, DateTimeRange Next)> UpcomingCourses { get; private set; } = [];
    public IReadOnlyList<(ContentItem Item, DateTimeRange Next)> UpcomingEvents { get; private set; } = [];
    /// <summary>Signed-in staff get a "find a colleague" box: only they may see the competence profiles.</summary>
    public bool ShowFindColleague { get; private set; }
    public IReadOnlyList<ContentItem> RecentMethods { get; private set; } = [];
    public IReadOnlyList<ContentItem> Intro { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Schema = await schemaStore.GetAsync(ct);
        Tagline = await settings.GetAsync(SiteSettings.Tagline, ct) ?? "";
        var items = await store.ListPublishedAsync(null, User.ReaderAudience(), ct);

        Sections = Schema.Types.Where(t => t.Routable && t.Name != HomeFeature.PageTypeName)
            .Select(t => (t, items.Count(i => i.Type == t.Name))).ToList();

        // Courses and events by their next session that has not ended yet (times are Danish local).
        var now = Danish.ToLocal(DateTime.UtcNow);
        UpcomingCourses = Next(items, "Course", "sessions", now);
        UpcomingEvents = Next(items, "Event", "when", now);
        ShowFindColleague = User.ReaderAudience() == Audience.Medarbejder && items.Any(i => i.Type == "CompetenceProfile");
        RecentMethods = items.Where(i => i.Type == "Method").OrderByDescending(i => i.ModifiedUtc).Take(5).ToList();
        Intro = items.Where(i => i.Type == HomeFeature.PageTypeName && i.Bool("forVolunteers")).ToList();
    }

    public string UrlOf(ContentItem item) => ContentUrls.Of(Schema, item);

    public ContentTypeDefinition? TypeOf(string name) => Schema.Type(name) is { Routable: true } t ? t : null;

    private static List<(ContentItem, DateTimeRange)> Next(IEnumerable<ContentItem> items, string type, string field, DateTime now) =>
        items.Where(i => i.Type == type)
            .Select(i => (Item: i, Next: i.Ranges(field).FirstOrDefault(r => r.End >= now)))
            .Where(x => x.Next is not null)
            .OrderBy(x => x.Next!.Start).ThenBy(x => x.Item.Title, Danish.Sort)
            .Take(3)
            .Select(x => (x.Item, x.Next!))
            .ToList();
}
