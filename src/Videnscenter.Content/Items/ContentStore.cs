using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Storage;

namespace Videnscenter.Content.Items;

/// <summary>
/// Saves, versions and publishes content items. Every save is a new version; publishing makes one
/// version the live one; older versions can be restored. Saves name the version they started from,
/// so two editors cannot overwrite each other.
/// </summary>
public sealed class ContentStore(
    ContentDbContext db,
    SchemaStore schemaStore,
    IServiceProvider services,
    ILogger<ContentStore> log)
{
    private static readonly JsonSerializerOptions Json = ContentTypeDefinition.Json;

    // ---- Reading ---------------------------------------------------------------------------

    /// <summary>The live version of an item of a type, if the reader may see it.</summary>
    public async Task<ContentItem?> GetPublishedAsync(string type, string slug, Audience reader, CancellationToken ct = default)
    {
        var row = await (from v in db.Versions.AsNoTracking()
                         join i in db.Items.AsNoTracking() on v.ItemId equals i.Id
                         where v.Published && v.ContentType == type && v.Slug == slug && v.Audience <= reader
                         select new { v, i }).FirstOrDefaultAsync(ct);
        return row is null ? null : ToItem(row.i, row.v);
    }

    /// <summary>Live items the reader may see, of one type or all types.</summary>
    public async Task<IReadOnlyList<ContentItem>> ListPublishedAsync(string? type, Audience reader, CancellationToken ct = default)
    {
        var rows = await (from v in db.Versions.AsNoTracking()
                          join i in db.Items.AsNoTracking() on v.ItemId equals i.Id
                          where v.Published && v.Audience <= reader && (type == null || v.ContentType == type)
                          select new { v, i }).ToListAsync(ct);
        return rows.Select(r => ToItem(r.i, r.v)).OrderBy(i => i.Title, Danish.Sort).ToList();
    }

    /// <summary>Live items with the given ids that the reader may see (for links between sections).</summary>
    public async Task<IReadOnlyList<ContentItem>> GetPublishedAsync(IEnumerable<Guid> ids, Audience reader, CancellationToken ct = default)
    {
        var set = ids.Distinct().ToList();
        if (set.Count == 0) return [];
        var rows = await (from v in db.Versions.AsNoTracking()
                          join i in db.Items.AsNoTracking() on v.ItemId equals i.Id
                          where v.Published && v.Audience <= reader && set.Contains(v.ItemId)
                          select new { v, i }).ToListAsync(ct);
        return rows.Select(r => ToItem(r.i, r.v)).ToList();
    }

    /// <summary>Live items that refer to the given item in one of their fields (the links back between sections).</summary>
    public async Task<IReadOnlyList<ContentItem>> GetPublishedReferencingAsync(Guid itemId, Audience reader, CancellationToken ct = default)
    {
        var needle = itemId.ToString();
        var rows = await (from v in db.Versions.AsNoTracking()
                          join i in db.Items.AsNoTracking() on v.ItemId equals i.Id
                          where v.Published && v.Audience <= reader && v.FieldsJson.Contains(needle)
                          select new { v, i }).ToListAsync(ct);
        // The text match narrows the rows; the parsed fields decide.
        return rows.Select(r => ToItem(r.i, r.v))
            .Where(item => item.Fields.Any(f => f.Value is JsonArray a && a.OfType<JsonObject>().Any(o => o["id"]?.GetValue<string>() == needle)))
            .ToList();
    }

    public async Task<ContentItem?> GetLatestAsync(Guid itemId, CancellationToken ct = default)
    {
        var item = await db.Items.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return null;
        var version = await db.Versions.AsNoTracking().FirstAsync(v => v.Id == item.LatestVersionId, ct);
        return ToItem(item, version);
    }

    public async Task<ContentItem?> GetVersionAsync(Guid itemId, int number, CancellationToken ct = default)
    {
        var item = await db.Items.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct);
        var version = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.ItemId == itemId && v.Number == number, ct);
        return item is null || version is null ? null : ToItem(item, version);
    }

    /// <summary>All versions of an item, newest first.</summary>
    public async Task<IReadOnlyList<ContentItem>> HistoryAsync(Guid itemId, CancellationToken ct = default)
    {
        var item = await db.Items.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return [];
        var versions = await db.Versions.AsNoTracking().Where(v => v.ItemId == itemId).OrderByDescending(v => v.Number).ToListAsync(ct);
        return versions.Select(v => ToItem(item, v)).ToList();
    }

    /// <summary>The latest version of every item (the editors' view), optionally of one type.</summary>
    public async Task<IReadOnlyList<ContentItem>> ListLatestAsync(string? type, CancellationToken ct = default)
    {
        var rows = await (from v in db.Versions.AsNoTracking()
                          join i in db.Items.AsNoTracking() on v.ItemId equals i.Id
                          where v.Latest && (type == null || v.ContentType == type)
                          select new { v, i }).ToListAsync(ct);
        return rows.Select(r => ToItem(r.i, r.v)).OrderByDescending(i => i.ModifiedUtc).ToList();
    }

    /// <summary>The item of a type whose latest or live version has this slug.</summary>
    public Task<Guid?> FindBySlugAsync(string type, string slug, CancellationToken ct = default) =>
        db.Versions.AsNoTracking()
            .Where(v => v.ContentType == type && v.Slug == slug && (v.Latest || v.Published))
            .Select(v => (Guid?)v.ItemId)
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// Whether saving <paramref name="draft"/> would give the item a live version different from
    /// today's (after the same normalisation a save does: references resolved, taxonomy keys, dates).
    /// An import asks before writing, so importing the same package twice adds no versions. A draft
    /// that would not save counts as a change: the save then reports why.
    /// </summary>
    public async Task<bool> WouldChangeLiveAsync(Guid itemId, ContentDraft draft, CancellationToken ct = default)
    {
        var (version, _) = await PrepareAsync(itemId, draft, "", ct);
        var live = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.ItemId == itemId && v.Published, ct);
        return version is null || live is null
               || live.Title != version.Title || live.Slug != version.Slug || live.Summary != version.Summary
               || live.Body != version.Body || live.Audience != version.Audience
               || live.DepartmentsJson != version.DepartmentsJson || live.TagsJson != version.TagsJson
               || !JsonNode.DeepEquals(JsonNode.Parse(live.FieldsJson), JsonNode.Parse(version.FieldsJson));
    }

    // ---- Writing ---------------------------------------------------------------------------

    /// <summary>Creates a new item as a draft (version 1).</summary>
    public async Task<SaveResult> CreateAsync(ContentDraft draft, string author, CancellationToken ct = default)
    {
        var (version, errors) = await PrepareAsync(null, draft, author, ct);
        if (version is null) return SaveResult.Invalid(errors);

        var item = new ContentItemRecord
        {
            Id = Guid.NewGuid(),
            ContentType = version.ContentType,
            Status = ContentStatus.Draft,
            CreatedUtc = version.CreatedUtc,
            CreatedBy = author,
            LatestVersionId = version.Id,
        };
        version.ItemId = item.Id;
        version.Number = 1;
        db.Items.Add(item);
        db.Versions.Add(version);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var created = ToItem(item, version);
        await RaiseAsync(new ContentEvent(ContentEventKind.Created, created, author), ct);
        return new SaveResult { Item = created };
    }

    /// <summary>
    /// Saves a new version of an existing item. <paramref name="baseVersionId"/> is the version the
    /// editor started from; if someone saved a newer one meanwhile, nothing is saved and the result
    /// is a conflict.
    /// </summary>
    public Task<SaveResult> SaveAsync(Guid itemId, Guid baseVersionId, ContentDraft draft, string author, CancellationToken ct = default) =>
        SaveVersionAsync(itemId, baseVersionId, draft, author, ContentEventKind.Saved, ct);

    private async Task<SaveResult> SaveVersionAsync(Guid itemId, Guid baseVersionId, ContentDraft draft, string author,
        ContentEventKind kind, CancellationToken ct)
    {
        var item = await db.Items.FirstOrDefaultAsync(i => i.Id == itemId, ct)
                   ?? throw new ContentNotFoundException(itemId);
        if (item.LatestVersionId != baseVersionId) return await ConflictAsync(itemId, ct);
        if (!string.Equals(item.ContentType, draft.Type, StringComparison.Ordinal))
            return SaveResult.Invalid([new FieldError("", "Et indholds type kan ikke ændres.")]);

        var (version, errors) = await PrepareAsync(itemId, draft, author, ct);
        if (version is null) return SaveResult.Invalid(errors);
        var saved = await AddVersionAsync(item, version, ct);
        if (saved.Item is not null) await RaiseAsync(new ContentEvent(kind, saved.Item, author), ct);
        return saved;
    }

    // The acting user comes last among the optional parameters so that calls written before it
    // existed (with a positional CancellationToken) still compile; pass it by name: actor: "navn".

    /// <summary>
    /// Makes a version (default: the latest) the live one. A draft may leave required fields empty;
    /// publishing may not (<see cref="ContentIncompleteException"/>, with the fields' Danish messages).
    /// </summary>
    public async Task<ContentItem> PublishAsync(Guid itemId, Guid? versionId = null, CancellationToken ct = default, string actor = ContentEvent.SystemActor)
    {
        var item = await db.Items.FirstOrDefaultAsync(i => i.Id == itemId, ct) ?? throw new ContentNotFoundException(itemId);
        var target = versionId ?? item.LatestVersionId;
        var versions = await db.Versions.Where(v => v.ItemId == itemId && (v.Published || v.Id == target)).ToListAsync(ct);
        var version = versions.FirstOrDefault(v => v.Id == target) ?? throw new ContentNotFoundException(itemId);
        if ((await schemaStore.GetAsync(ct)).Type(version.ContentType) is { } definition
            && FieldValues.MissingRequired(definition, ToItem(item, version).Fields) is { Count: > 0 } missing)
        {
            db.ChangeTracker.Clear();
            throw new ContentIncompleteException(missing);
        }
        foreach (var v in versions) v.Published = v.Id == target;
        item.Status = ContentStatus.Published;
        item.PublishedUtc = DateTime.UtcNow;
        await ContentChangeLog.SaveWithChangesAsync(db, [(itemId, ContentEventKind.Published)], ct);
        db.ChangeTracker.Clear();
        var published = ToItem(item, version);
        await RaiseAsync(new ContentEvent(ContentEventKind.Published, published, actor), ct);
        return published;
    }

    /// <summary>Takes the item off the site; its versions stay.</summary>
    public Task UnpublishAsync(Guid itemId, CancellationToken ct = default, string actor = ContentEvent.SystemActor) =>
        TakeDownAsync(itemId, ContentStatus.Draft, ContentEventKind.Unpublished, actor, ct);

    /// <summary>Takes the item off the site and marks it as no longer current.</summary>
    public Task ArchiveAsync(Guid itemId, CancellationToken ct = default, string actor = ContentEvent.SystemActor) =>
        TakeDownAsync(itemId, ContentStatus.Archived, ContentEventKind.Archived, actor, ct);

    /// <summary>Saves a copy of an older version as the newest version (a draft until published).</summary>
    public async Task<SaveResult> RestoreAsync(Guid itemId, int versionNumber, string author, CancellationToken ct = default)
    {
        var old = await GetVersionAsync(itemId, versionNumber, ct) ?? throw new ContentNotFoundException(itemId);
        var latest = await GetLatestAsync(itemId, ct) ?? throw new ContentNotFoundException(itemId);
        return await SaveVersionAsync(itemId, latest.VersionId, ContentDraft.From(old), author, ContentEventKind.Restored, ct);
    }

    // ---- Internals -------------------------------------------------------------------------

    private async Task TakeDownAsync(Guid itemId, ContentStatus status, ContentEventKind kind, string actor, CancellationToken ct)
    {
        var item = await db.Items.FirstOrDefaultAsync(i => i.Id == itemId, ct) ?? throw new ContentNotFoundException(itemId);
        var live = await db.Versions.Where(v => v.ItemId == itemId && v.Published).ToListAsync(ct);
        foreach (var v in live) v.Published = false;
        item.Status = status;
        await ContentChangeLog.SaveWithChangesAsync(db, [(itemId, kind)], ct);
        db.ChangeTracker.Clear();
        foreach (var v in live) await RaiseAsync(new ContentEvent(kind, ToItem(item, v), actor), ct);
        // Archiving a draft changes no page but is still an editor's action (the audit log records it).
        if (live.Count == 0 && await GetLatestAsync(itemId, ct) is { } latest) await RaiseAsync(new ContentEvent(kind, latest, actor), ct);
    }

    private async Task<SaveResult> AddVersionAsync(ContentItemRecord item, ContentVersionRecord version, CancellationToken ct)
    {
        var previous = await db.Versions.FirstAsync(v => v.Id == item.LatestVersionId, ct);
        previous.Latest = false;
        version.ItemId = item.Id;
        version.Number = previous.Number + 1;
        item.LatestVersionId = version.Id;
        db.Versions.Add(version);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Another save won the race between our check and our write: the concurrency token
            // on LatestVersionId or the unique (item, number) index stopped us.
            log.LogInformation(e, "Save of item {ItemId} lost a race with another save", item.Id);
            db.ChangeTracker.Clear();
            return await ConflictAsync(item.Id, ct);
        }
        db.ChangeTracker.Clear();
        return new SaveResult { Item = ToItem(item, version) };
    }

    private async Task<SaveResult> ConflictAsync(Guid itemId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var latest = await GetLatestAsync(itemId, ct) ?? throw new ContentNotFoundException(itemId);
        return SaveResult.Conflicted(latest);
    }

    /// <summary>Validates a draft against its definition and builds the version row, or returns the errors.</summary>
    private async Task<(ContentVersionRecord? Version, List<FieldError> Errors)> PrepareAsync(
        Guid? itemId, ContentDraft draft, string author, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var schema = await schemaStore.GetAsync(ct);
        var type = schema.Type(draft.Type);
        if (type is null)
        {
            errors.Add(new FieldError("", $"Indholdstypen «{draft.Type}» findes ikke."));
            return (null, errors);
        }

        var title = draft.Title.Trim();
        if (title.Length == 0) errors.Add(new FieldError("title", "«Titel» skal udfyldes."));
        else if (title.Length > 200) errors.Add(new FieldError("title", "«Titel» må højst være 200 tegn."));

        var slug = string.IsNullOrWhiteSpace(draft.Slug) ? Slugs.FromPattern(type.SlugPattern, title) : draft.Slug.Trim();
        if (!Slugs.IsValid(slug))
            errors.Add(new FieldError("slug", "«Adresse» må kun indeholde små bogstaver a-z, tal og bindestreger, fx «motiverende-interview»."));
        else if (await db.Versions.AnyAsync(v => v.ContentType == type.Name && v.Slug == slug && (v.Latest || v.Published)
                                                 && (itemId == null || v.ItemId != itemId), ct))
            errors.Add(new FieldError("slug", $"Adressen «{slug}» bruges allerede af en anden {type.DisplayName.ToLowerInvariant()}. Vælg en anden."));

        var summary = draft.Summary.Trim();
        if (summary.Length > 600) errors.Add(new FieldError("summary", "«Resumé» må højst være 600 tegn."));

        var departments = draft.Departments.Select(d => d.Trim()).Where(d => d.Length > 0).Distinct().ToList();
        var departmentTaxonomy = schema.Taxonomy(Taxonomies.TaxonomyNames.Departments);
        foreach (var d in departments.Where(d => departmentTaxonomy?.Term(d) is null))
            errors.Add(new FieldError("departments", $"«Afdelinger»: «{d}» er ikke en kendt afdeling."));

        var references = await ReferenceMap.LoadAsync(db, ct);
        var fields = FieldValues.Normalize(type, draft.Fields, schema.Taxonomies, references, errors);

        if (errors.Count > 0) return (null, errors);
        return (new ContentVersionRecord
        {
            Id = Guid.NewGuid(),
            ContentType = type.Name,
            Title = title,
            Slug = slug,
            Summary = summary,
            Body = draft.Body.Replace("\r\n", "\n").Trim(),
            Audience = draft.Audience ?? type.DefaultAudience,
            DepartmentsJson = JsonSerializer.Serialize(departments, Json),
            TagsJson = JsonSerializer.Serialize(draft.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList(), Json),
            FieldsJson = fields.ToJsonString(),
            Author = author,
            CreatedUtc = DateTime.UtcNow,
            Latest = true,
        }, errors);
    }

    /// <summary>
    /// Tells the subscribers. They are resolved here, when something changed, not when the store is
    /// made: every page's layout asks the store for the footer's contact, and building the
    /// subscribers (audit log, course capacity, editor mails, each with its own DbContext) for every
    /// page view cost a sixth of a search page's CPU.
    /// </summary>
    private async Task RaiseAsync(ContentEvent e, CancellationToken ct)
    {
        foreach (var handler in services.GetServices<IContentEventHandler>())
        {
            try
            {
                await handler.HandleAsync(e, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The change itself is committed; a subscriber (e.g. the search index) can be rebuilt.
                log.LogError(ex, "{Handler} failed on {Kind} of {ItemId}", handler.GetType().Name, e.Kind, e.Item.Id);
            }
        }
    }

    private static ContentItem ToItem(ContentItemRecord i, ContentVersionRecord v) => new()
    {
        Id = i.Id,
        VersionId = v.Id,
        VersionNumber = v.Number,
        Type = v.ContentType,
        Title = v.Title,
        Slug = v.Slug,
        Summary = v.Summary,
        Body = v.Body,
        Audience = v.Audience,
        Departments = JsonSerializer.Deserialize<List<string>>(v.DepartmentsJson, Json) ?? [],
        Tags = JsonSerializer.Deserialize<List<string>>(v.TagsJson, Json) ?? [],
        Fields = JsonNode.Parse(v.FieldsJson) as JsonObject ?? new JsonObject(),
        Status = i.Status,
        IsPublishedVersion = v.Published,
        IsLatestVersion = v.Latest,
        Author = v.Author,
        CreatedUtc = i.CreatedUtc,
        ModifiedUtc = v.CreatedUtc,
        PublishedUtc = i.PublishedUtc,
    };

    /// <summary>Slugs and ids of every item's latest and live version, for resolving references.</summary>
    private sealed class ReferenceMap(List<(string Type, string Slug, Guid Id)> rows) : IReferenceResolver
    {
        public static async Task<ReferenceMap> LoadAsync(ContentDbContext db, CancellationToken ct)
        {
            var rows = await db.Versions.AsNoTracking().Where(v => v.Latest || v.Published)
                .Select(v => new { v.ContentType, v.Slug, v.ItemId }).ToListAsync(ct);
            return new ReferenceMap(rows.Select(r => (r.ContentType, r.Slug, r.ItemId)).ToList());
        }

        public Guid? Resolve(IReadOnlyList<string> types, string idOrSlug)
        {
            bool TypeOk(string t) => types.Count == 0 || types.Contains(t, StringComparer.OrdinalIgnoreCase);
            if (Guid.TryParse(idOrSlug, out var id))
                return rows.Any(r => r.Id == id && TypeOk(r.Type)) ? id : null;
            return rows.Where(r => r.Slug == idOrSlug && TypeOk(r.Type)).Select(r => (Guid?)r.Id).FirstOrDefault();
        }
    }
}

public sealed class ContentNotFoundException(Guid itemId) : Exception($"Indholdet {itemId} findes ikke.");

/// <summary>A version cannot be published while required fields are empty; the errors say which, in Danish.</summary>
public sealed class ContentIncompleteException(IReadOnlyList<FieldError> errors)
    : Exception("Indholdet kan ikke udgives: " + string.Join(" ", errors.Select(e => e.Message)))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
