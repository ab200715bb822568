using Microsoft.AspNetCore.Mvc;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Editing;

/// <summary>The editors' overview: drafts waiting, recent changes and content due for review.</summary>
public sealed class IndexModel(ContentStore store, SchemaStore schemaStore) : AdminPage
{
    public const int RecentCount = 10;

    // Staff come here from old links and bookmarks; they are sent on to their own profile.
    protected override bool StaffAllowed => true;

    public ContentSchema Schema { get; private set; } = ContentSchema.Empty;
    public IReadOnlyList<ContentItem> Waiting { get; private set; } = [];
    /// <summary>Drafts whose latest version the signed-in editor wrote ("Mine kladder").</summary>
    public IReadOnlyList<ContentItem> MyDrafts { get; private set; } = [];
    public IReadOnlyList<ContentItem> Recent { get; private set; } = [];
    public IReadOnlyList<ReviewDue> Due { get; private set; } = [];
    public IReadOnlyList<(ContentTypeDefinition Type, int Total, int Waiting)> Types { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.IsStaffOnly()) return Redirect("/admin/min-profil");

        Schema = await schemaStore.GetAsync(ct);
        var all = await store.ListLatestAsync(null, ct);
        // The latest version is not the live one: a new item, a new draft of a live item, or an item taken down.
        Waiting = all.Where(i => i.Status != ContentStatus.Archived && !i.IsPublishedVersion).ToList();
        MyDrafts = Waiting.Where(i => string.Equals(i.Author, User.Identity?.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        Recent = all.Take(RecentCount).ToList();
        Due = ReviewSchedule.Due(all, Schema, DateOnly.FromDateTime(Danish.ToLocal(DateTime.UtcNow)));
        Types = Schema.Types.Select(t => (t, all.Count(i => i.Type == t.Name), Waiting.Count(i => i.Type == t.Name))).ToList();
        return Page();
    }

    public string EditUrl(ContentItem item) => AdminUrls.Edit(Schema, item);

    public string TypeName(ContentItem item) => Schema.Type(item.Type)?.DisplayName ?? item.Type;
}
