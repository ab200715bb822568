using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Theme.Display;
using Videnscenter.Web.Accounts;
using Videnscenter.Web.Sections;

namespace Videnscenter.Web.Profiles;

/// <summary>
/// Find a colleague: competence profiles narrowed by method (and how well they master it),
/// department, a skill typed in free text, and whether they mentor or teach at Recoveryskolen.
/// </summary>
public sealed class IndexModel(ContentStore store, SchemaStore schemaStore) : PageModel
{
    public const string TypeName = "CompetenceProfile";

    public ContentTypeDefinition Type { get; private set; } = null!;
    public ContentSchema Schema { get; private set; } = ContentSchema.Empty;
    public IReadOnlyList<ContentItem> Items { get; private set; } = [];
    public IReadOnlyList<FilterSelect> Filters { get; private set; } = [];
    /// <summary>Methods the reader may see, by id (profiles may refer to methods the reader may not see).</summary>
    public IReadOnlyDictionary<Guid, ContentItem> Methods { get; private set; } = new Dictionary<Guid, ContentItem>();
    public IReadOnlyList<string> Levels { get; private set; } = [];
    /// <summary>No profile at all is visible to this reader (not: the filters left none).</summary>
    public bool NoneVisible { get; private set; }
    public ContentItem? ChosenMethod { get; private set; }

    [BindProperty(SupportsGet = true, Name = "metode")] public string? Method { get; set; }
    [BindProperty(SupportsGet = true, Name = "niveau")] public string? Level { get; set; }
    [BindProperty(SupportsGet = true, Name = "afdeling")] public string? Department { get; set; }
    [BindProperty(SupportsGet = true, Name = "kompetence")] public string? Skill { get; set; }
    [BindProperty(SupportsGet = true, Name = "mentor")] public bool Mentor { get; set; }
    [BindProperty(SupportsGet = true, Name = "underviser")] public bool Teacher { get; set; }

    public bool Filtered => Filters.Any(f => f.Selected is not null) || !string.IsNullOrWhiteSpace(Skill) || Mentor || Teacher;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Schema = await schemaStore.GetAsync(ct);
        if (Schema.Type(TypeName) is not { Routable: true } type) return NotFound();
        Type = type;
        var methodsField = type.Field("methods");
        Levels = methodsField?.Levels ?? [];

        var reader = User.ReaderAudience();
        var all = await store.ListPublishedAsync(TypeName, reader, ct);
        NoneVisible = all.Count == 0;
        var methodIds = all.SelectMany(p => p.References("methods")).Select(r => r.Id);
        Methods = (await store.GetPublishedAsync(methodIds, reader, ct)).ToDictionary(m => m.Id);
        var methodOptions = Methods.Values.OrderBy(m => m.Title, Danish.Sort).Select(m => (m.Slug, m.Title)).ToList();
        ChosenMethod = Methods.Values.FirstOrDefault(m => string.Equals(m.Slug, Method, StringComparison.OrdinalIgnoreCase));
        var minimumRank = DisplayModel.LevelRank(methodsField, Level);

        bool Extra(ContentItem p) =>
            (!Mentor || p.Bool("mentor"))
            && (!Teacher || p.Bool("teachesAtRecoveryskolen"))
            && ListFilter.ContainsAllWords(Skill, [p.Title, p.Text("jobTitle"), p.Text("askMeAbout")])
            // A level only narrows together with a method: "at least works with MI".
            && (ChosenMethod is null || minimumRank < 0 || DisplayModel.LevelRank(methodsField, LevelOf(p, ChosenMethod.Id)) >= minimumRank);

        (var items, Filters) = ListFilter.Apply(all,
        [
            new("metode", "Metode", "Alle metoder", p => p.References("methods").Where(r => Methods.ContainsKey(r.Id)).Select(r => Methods[r.Id].Slug), methodOptions, Method),
            new("afdeling", "Afdeling", "Alle afdelinger", p => p.Departments, ListFilter.Terms(Schema, "afdelinger"), Department),
        ], Extra);

        // With a method chosen, those who master it best come first.
        Items = ChosenMethod is null
            ? items
            : items.OrderByDescending(p => DisplayModel.LevelRank(methodsField, LevelOf(p, ChosenMethod.Id))).ThenBy(p => p.Title, Danish.Sort).ToList();
        if (minimumRank < 0) Level = null;
        return Page();
    }

    public static string? LevelOf(ContentItem profile, Guid methodId) =>
        profile.References("methods").FirstOrDefault(r => r.Id == methodId)?.Level;

    public string UrlOf(ContentItem item) => ContentUrls.Of(Schema, item);

    /// <summary>The methods of a profile the reader may see, with their levels, best mastered first.</summary>
    public IReadOnlyList<(ContentItem Method, string? Level)> MethodsOf(ContentItem profile)
    {
        var field = Type.Field("methods");
        return profile.References("methods").Where(r => Methods.ContainsKey(r.Id))
            .Select(r => (Method: Methods[r.Id], r.Level))
            .OrderByDescending(x => DisplayModel.LevelRank(field, x.Level)).ThenBy(x => x.Method.Title, Danish.Sort)
            .ToList();
    }

    public string Description()
    {
        var parts = new List<string>();
        if (ChosenMethod is not null) parts.Add(Level is null ? $"der kender {ChosenMethod.Title}" : $"med niveauet «{Level}» eller mere i {ChosenMethod.Title}");
        if (Filters.FirstOrDefault(f => f.Name == "afdeling") is { Selected: { } d } dep) parts.Add("fra " + dep.Options.First(o => o.Value == d).Label);
        if (!string.IsNullOrWhiteSpace(Skill)) parts.Add($"der matcher «{Skill.Trim()}»");
        if (Mentor) parts.Add("der kan være mentor");
        if (Teacher) parts.Add("der underviser på Recoveryskolen");
        return parts.Count == 0 ? "" : string.Join(", ", parts);
    }
}
