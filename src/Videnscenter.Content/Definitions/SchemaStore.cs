using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Videnscenter.Content.Storage;
using Videnscenter.Content.Taxonomies;

namespace Videnscenter.Content.Definitions;

/// <summary>The content types and taxonomies currently defined (from the recipe, stored in the database).</summary>
public sealed class ContentSchema
{
    public static readonly ContentSchema Empty = new([], new Dictionary<string, Taxonomy>());

    public ContentSchema(IReadOnlyList<ContentTypeDefinition> types, IReadOnlyDictionary<string, Taxonomy> taxonomies)
    {
        Types = types;
        Taxonomies = taxonomies;
    }

    public IReadOnlyList<ContentTypeDefinition> Types { get; }
    public IReadOnlyDictionary<string, Taxonomy> Taxonomies { get; }

    public ContentTypeDefinition? Type(string name) =>
        Types.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    public ContentTypeDefinition? BySection(string section) =>
        Types.FirstOrDefault(t => string.Equals(t.Section, section, StringComparison.OrdinalIgnoreCase));

    public Taxonomy? Taxonomy(string name) => Taxonomies.GetValueOrDefault(name);

    /// <summary>Danish label of a department key.</summary>
    public string DepartmentLabel(string key) => Taxonomy(TaxonomyNames.Departments)?.LabelOf(key) ?? key;
}

/// <summary>Keeps the schema in memory between requests; recipe steps that change it clear it.</summary>
public sealed class SchemaCache
{
    private volatile ContentSchema? _current;
    internal ContentSchema? Current => _current;
    internal void Set(ContentSchema schema) => _current = schema;
    public void Invalidate() => _current = null;
}

public sealed class SchemaStore(ContentDbContext db, SchemaCache cache)
{
    public async Task<ContentSchema> GetAsync(CancellationToken ct = default)
    {
        if (cache.Current is { } cached) return cached;
        var types = (await db.ContentTypes.AsNoTracking().ToListAsync(ct))
            .Select(r => JsonSerializer.Deserialize<ContentTypeDefinition>(r.DefinitionJson, ContentTypeDefinition.Json)!)
            .OrderBy(t => t.MenuOrder).ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        var taxonomies = (await db.Taxonomies.AsNoTracking().ToListAsync(ct))
            .ToDictionary(r => r.Name, r => new Taxonomy
            {
                Name = r.Name,
                DisplayName = r.DisplayName,
                Terms = JsonSerializer.Deserialize<List<TaxonomyTerm>>(r.TermsJson, ContentTypeDefinition.Json) ?? [],
            }, StringComparer.OrdinalIgnoreCase);
        var schema = new ContentSchema(types, taxonomies);
        cache.Set(schema);
        return schema;
    }

    /// <summary>Creates or updates a type definition. Returns false when nothing changed.</summary>
    public async Task<bool> SaveTypeAsync(ContentTypeDefinition type, CancellationToken ct = default)
    {
        var json = JsonSerializer.Serialize(type, ContentTypeDefinition.Json);
        var row = await db.ContentTypes.FindAsync([type.Name], ct);
        if (row is not null && row.DefinitionJson == json && row.DisplayName == type.DisplayName) return false;
        if (row is null)
            db.ContentTypes.Add(new ContentTypeRecord { Name = type.Name, DisplayName = type.DisplayName, DefinitionJson = json, UpdatedUtc = DateTime.UtcNow });
        else
        {
            row.DisplayName = type.DisplayName;
            row.DefinitionJson = json;
            row.UpdatedUtc = DateTime.UtcNow;
        }
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return true;
    }

    /// <summary>Creates or updates a taxonomy. Returns false when nothing changed.</summary>
    public async Task<bool> SaveTaxonomyAsync(Taxonomy taxonomy, CancellationToken ct = default)
    {
        var json = JsonSerializer.Serialize(taxonomy.Terms, ContentTypeDefinition.Json);
        var row = await db.Taxonomies.FindAsync([taxonomy.Name], ct);
        if (row is not null && row.TermsJson == json && row.DisplayName == taxonomy.DisplayName) return false;
        if (row is null)
            db.Taxonomies.Add(new TaxonomyRecord { Name = taxonomy.Name, DisplayName = taxonomy.DisplayName, TermsJson = json });
        else
        {
            row.DisplayName = taxonomy.DisplayName;
            row.TermsJson = json;
        }
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return true;
    }
}
