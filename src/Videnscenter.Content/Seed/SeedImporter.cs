using System.Text.Json.Nodes;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Content.Recipes;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Videnscenter.Content.Seed;

/// <summary>
/// Imports content from files: <c>&lt;folder&gt;/&lt;section&gt;/*.md</c>, YAML front matter then the
/// Markdown body. An item already present (same type and slug) is left as editors have it, so an
/// import can be rerun. A bad file is reported with file, line and reason; the others still import.
/// Files named in media fields are put into the media library when one is registered (see
/// <see cref="ISeedMediaImporter"/>).
/// </summary>
public sealed class SeedImporter(ContentStore store, SchemaStore schemaStore, ISeedMediaImporter? mediaImporter = null)
{
    /// <summary>Keys every type has; all other keys are the type's own fields.</summary>
    private static readonly string[] CommonKeys = ["title", "slug", "summary", "audience", "departments", "tags", "body"];

    public async Task ImportFolderAsync(string folder, RecipeContext context, CancellationToken ct)
    {
        if (!Directory.Exists(folder))
        {
            context.Problems.Add(new RecipeProblem(folder, null, "Mappen med startindhold findes ikke."));
            return;
        }
        var schema = await schemaStore.GetAsync(ct);
        var deferred = new List<DeferredReferences>();
        foreach (var type in ImportOrder(schema.Types))
        {
            var sectionFolder = Path.Combine(folder, type.Section);
            if (!Directory.Exists(sectionFolder)) continue;
            foreach (var file in Directory.GetFiles(sectionFolder, "*.md").Order(StringComparer.Ordinal))
            {
                var display = Path.GetRelativePath(folder, file).Replace('\\', '/');
                await ImportFileAsync(type, display, await File.ReadAllTextAsync(file, ct), context, ct, sectionFolder, deferred);
            }
        }
        await CompleteDeferredAsync(deferred, context, ct);
    }

    /// <summary>
    /// Reference fields that named items not imported yet, kept to be filled in when every file is
    /// in. Types may refer to each other in a cycle (a method names its owner's profile, a profile
    /// names the methods it masters), so no import order can satisfy all references at once.
    /// </summary>
    public sealed record DeferredReferences(Guid ItemId, string Source, IReadOnlyDictionary<string, JsonNode?> Fields, IReadOnlyDictionary<string, int?> Lines);

    private async Task CompleteDeferredAsync(List<DeferredReferences> deferred, RecipeContext context, CancellationToken ct)
    {
        foreach (var d in deferred)
        {
            if (await store.GetLatestAsync(d.ItemId, ct) is not { } latest) continue;
            var draft = ContentDraft.From(latest);
            foreach (var (field, value) in d.Fields) draft.Fields[field] = value?.DeepClone();
            var result = await store.SaveAsync(latest.Id, latest.VersionId, draft, context.Author, ct);
            if (!result.Succeeded)
            {
                foreach (var e in result.Errors)
                    context.Problems.Add(new RecipeProblem(d.Source, d.Lines.GetValueOrDefault(e.Field), e.Message));
                continue;
            }
            await store.PublishAsync(result.Item!.Id, ct: ct);
        }
    }

    /// <summary>Imports one Markdown file with front matter; media paths in it are relative to <paramref name="mediaFolder"/>.</summary>
    public async Task ImportFileAsync(ContentTypeDefinition type, string fileName, string text, RecipeContext context, CancellationToken ct,
        string? mediaFolder = null, List<DeferredReferences>? deferred = null)
    {
        var parsed = FrontMatter.Parse(text);
        if (parsed.Error is { } error)
        {
            context.Problems.Add(new RecipeProblem(fileName, error.Line, error.Message));
            return;
        }
        await ImportAsync(type, parsed.Data!, parsed.Body, fileName, key => parsed.LineOf(key), context, ct, mediaFolder, deferred);
    }

    /// <summary>
    /// Imports items given as front-matter-shaped JSON objects with a "type" key (a recipe's
    /// "content" step, a deployment package), types that others refer to first, references between
    /// them filled in at the end. With <paramref name="update"/> an existing item (same type and
    /// slug) gets a new live version when it reads differently; without, it is left as it is.
    /// </summary>
    public async Task ImportItemsAsync(IReadOnlyList<(JsonObject Data, string Source)> items, RecipeContext context, CancellationToken ct,
        string? mediaFolder = null, bool update = false)
    {
        var schema = await schemaStore.GetAsync(ct);
        var typed = new List<(ContentTypeDefinition Type, JsonObject Data, string Source)>();
        foreach (var (data, source) in items)
        {
            var typeName = data["type"] is JsonValue v && v.TryGetValue(out string? t) ? t : null;
            if (typeName is null) { Count(context, ImportOutcome.Failed); context.Problems.Add(new RecipeProblem(source, null, "Mangler «type».")); continue; }
            if (schema.Type(typeName) is not { } type)
            {
                Count(context, ImportOutcome.Failed);
                context.Problems.Add(new RecipeProblem(source, null, $"Indholdstypen «{typeName}» findes ikke."));
                continue;
            }
            var copy = (JsonObject)data.DeepClone();
            copy.Remove("type");
            typed.Add((type, copy, source));
        }
        var deferred = new List<DeferredReferences>();
        foreach (var type in ImportOrder(schema.Types))
            foreach (var (_, data, source) in typed.Where(i => i.Type == type))
                await ImportAsync(type, data, "", source, _ => null, context, ct, mediaFolder, deferred, update);
        await CompleteDeferredAsync(deferred, context, ct);
    }

    /// <summary>
    /// Creates and publishes an item from front-matter-shaped data. An item that exists already (same
    /// type and slug) is left as editors have it, or, with <paramref name="update"/>, given the data as
    /// a new live version when it reads differently.
    /// </summary>
    public async Task<ImportOutcome> ImportAsync(ContentTypeDefinition type, JsonObject data, string body, string source,
        Func<string, int?> lineOf, RecipeContext context, CancellationToken ct, string? mediaFolder = null,
        List<DeferredReferences>? deferred = null, bool update = false)
    {
        var outcome = await ImportOneAsync(type, data, body, source, lineOf, context, ct, mediaFolder, deferred, update);
        Count(context, outcome);
        return outcome;
    }

    private static void Count(RecipeContext context, ImportOutcome outcome) =>
        context.ContentOutcomes[outcome] = context.ContentOutcomes.GetValueOrDefault(outcome) + 1;

    private async Task<ImportOutcome> ImportOneAsync(ContentTypeDefinition type, JsonObject data, string body, string source,
        Func<string, int?> lineOf, RecipeContext context, CancellationToken ct, string? mediaFolder,
        List<DeferredReferences>? deferred, bool update)
    {
        var draft = ToDraft(type, data, body, out var problem);
        if (problem is not null)
        {
            context.Problems.Add(new RecipeProblem(source, lineOf(problem.Field), problem.Message));
            return ImportOutcome.Failed;
        }
        var slug = string.IsNullOrWhiteSpace(draft.Slug) ? Slugs.FromPattern(type.SlugPattern, draft.Title) : draft.Slug;
        var existing = await store.FindBySlugAsync(type.Name, slug, ct);
        if (existing is not null && !update) return ImportOutcome.Kept;
        if (!await ImportMediaAsync(type, draft, source, lineOf, context, mediaFolder, ct)) return ImportOutcome.Failed;
        // Imported content is published at once, so it must be complete: a draft could be saved, but not published.
        if (FieldValues.MissingRequired(type, draft.Fields) is { Count: > 0 } missing)
        {
            foreach (var e in missing) context.Problems.Add(new RecipeProblem(source, lineOf(e.Field), e.Message));
            return ImportOutcome.Failed;
        }
        draft = draft with { Slug = slug };
        if (existing is { } id && !await store.WouldChangeLiveAsync(id, draft, ct)) return ImportOutcome.Unchanged;

        var result = await WriteAsync(existing, draft, context, ct);
        // Only unresolved references wrong (their items may come later in the import): import
        // without them now and fill them in at the end.
        var referenceFields = result.Errors.Select(e => type.Field(e.Field)).ToList();
        if (!result.Succeeded && deferred is not null && !result.Conflict && referenceFields.All(f => f is { Kind: FieldKind.Reference }))
        {
            var held = referenceFields.Select(f => f!.Name).Distinct().ToDictionary(n => n, n => draft.Fields[n]?.DeepClone());
            foreach (var name in held.Keys) draft.Fields.Remove(name);
            result = await WriteAsync(existing, draft, context, ct);
            if (result.Succeeded)
                deferred.Add(new DeferredReferences(result.Item!.Id, source, held, held.Keys.ToDictionary(k => k, lineOf)));
        }
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                context.Problems.Add(new RecipeProblem(source, lineOf(e.Field), e.Message));
            return ImportOutcome.Failed;
        }
        await store.PublishAsync(result.Item!.Id, ct: ct, actor: context.Author);
        context.Changes.Add(existing is null ? $"{type.Name} {slug}" : $"{type.Name} {slug} (opdateret)");
        return existing is null ? ImportOutcome.Created : ImportOutcome.Updated;
    }

    /// <summary>A new item, or a new version on top of the existing item's latest.</summary>
    private async Task<SaveResult> WriteAsync(Guid? existing, ContentDraft draft, RecipeContext context, CancellationToken ct)
    {
        if (existing is not { } id) return await store.CreateAsync(draft, context.Author, ct);
        var latest = await store.GetLatestAsync(id, ct) ?? throw new ContentNotFoundException(id);
        return await store.SaveAsync(id, latest.VersionId, draft, context.Author, ct);
    }

    /// <summary>
    /// Media fields name files relative to the seed section's folder ("filer/deck.pptx", or
    /// { path, alt } for an image); they are imported and replaced by the library's name. Without a
    /// media importer (or a folder) the values stay as written. False when a file could not be imported.
    /// </summary>
    private async Task<bool> ImportMediaAsync(ContentTypeDefinition type, ContentDraft draft, string source,
        Func<string, int?> lineOf, RecipeContext context, string? mediaFolder, CancellationToken ct)
    {
        if (mediaImporter is null || mediaFolder is null) return true;
        foreach (var field in type.Fields.Where(f => f.Kind == FieldKind.Media))
        {
            var (relative, alt) = draft.Fields[field.Name] switch
            {
                JsonValue v when v.TryGetValue(out string? s) => (s, null),
                JsonObject o => (o["path"]?.GetValue<string>(), o["alt"]?.GetValue<string>()),
                _ => ((string?)null, (string?)null),
            };
            if (string.IsNullOrWhiteSpace(relative)) continue;

            var folder = Path.GetFullPath(mediaFolder);
            var path = Path.GetFullPath(Path.Combine(folder, relative.Trim()));
            if (Path.GetRelativePath(folder, path).StartsWith("..", StringComparison.Ordinal))
            {
                context.Problems.Add(new RecipeProblem(source, lineOf(field.Name), $"«{field.Name}»: filen «{relative}» skal ligge i mappen med startindholdet."));
                return false;
            }
            var imported = await mediaImporter.ImportAsync(path, alt, ct);
            if (imported.Name is null)
            {
                context.Problems.Add(new RecipeProblem(source, lineOf(field.Name), $"«{field.Name}»: {imported.Error}"));
                return false;
            }
            draft.Fields[field.Name] = imported.Name;
        }
        return true;
    }

    private static ContentDraft ToDraft(ContentTypeDefinition type, JsonObject data, string body, out FieldError? problem)
    {
        problem = null;
        string Text(string key) => data[key] is JsonValue v && v.TryGetValue(out string? s) ? s : data[key]?.ToJsonString() ?? "";
        List<string> List(string key) => data[key] switch
        {
            JsonArray a => a.Select(n => n is JsonValue v && v.TryGetValue(out string? s) ? s : null).OfType<string>().ToList(),
            JsonValue v when v.TryGetValue(out string? s) => [s],
            _ => [],
        };

        Audience? audience = null;
        if (data["audience"] is not null)
        {
            if (AudienceNames.TryParse(Text("audience"), out var a)) audience = a;
            else problem = new FieldError("audience", $"«audience» skal være Offentlig, Frivillig eller Medarbejder, ikke «{Text("audience")}».");
        }

        var fields = new JsonObject();
        foreach (var (key, value) in data)
            if (!CommonKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
                fields[key] = value?.DeepClone();

        return new ContentDraft
        {
            Type = type.Name,
            Title = Text("title"),
            Slug = data["slug"] is null ? null : Text("slug"),
            Summary = Text("summary"),
            Body = data["body"] is null ? body : Text("body"),
            Audience = audience,
            Departments = List("departments"),
            Tags = List("tags"),
            Fields = fields,
        };
    }

    /// <summary>Types whose items others refer to come first, so references resolve on import.</summary>
    internal static IReadOnlyList<ContentTypeDefinition> ImportOrder(IReadOnlyList<ContentTypeDefinition> types)
    {
        var ordered = new List<ContentTypeDefinition>();
        var visiting = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Visit(ContentTypeDefinition t)
        {
            if (ordered.Contains(t) || !visiting.Add(t.Name)) return; // a cycle: import in the order given
            foreach (var target in t.Fields.SelectMany(f => f.ReferenceTypes))
                if (types.FirstOrDefault(x => string.Equals(x.Name, target, StringComparison.OrdinalIgnoreCase)) is { } dep)
                    Visit(dep);
            ordered.Add(t);
        }
        foreach (var t in types) Visit(t);
        return ordered;
    }
}

/// <summary>YAML front matter between two <c>---</c> lines at the top of a Markdown file.</summary>
public sealed class FrontMatter
{
    public JsonObject? Data { get; private init; }
    public string Body { get; private init; } = "";
    public (int Line, string Message)? Error { get; private init; }
    private string[] _yamlLines = [];

    /// <summary>The file line of a top-level key, for error messages.</summary>
    public int? LineOf(string key)
    {
        for (var i = 0; i < _yamlLines.Length; i++)
            if (_yamlLines[i].StartsWith(key + ":", StringComparison.OrdinalIgnoreCase))
                return i + 2; // +1 for the opening ---, +1 for 1-based lines
        return 1;
    }

    public static FrontMatter Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
            return new FrontMatter { Error = (1, "Filen skal begynde med en linje med «---» efterfulgt af YAML-forside (title, summary …).") };
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
            return new FrontMatter { Error = (1, "YAML-forsiden slutter ikke: der mangler en linje med «---».") };

        var yamlLines = lines[1..end];
        object? graph;
        try
        {
            graph = new DeserializerBuilder().Build().Deserialize<object>(string.Join('\n', yamlLines));
        }
        catch (YamlException e)
        {
            return new FrontMatter { Error = ((int)e.Start.Line + 1, $"YAML-fejl: {e.InnerException?.Message ?? e.Message}") };
        }
        if (ToJson(graph) is not JsonObject data)
            return new FrontMatter { Error = (2, "YAML-forsiden skal være en liste af nøgler og værdier, fx «title: Motiverende Interview».") };

        return new FrontMatter
        {
            Data = data,
            Body = string.Join('\n', lines[(end + 1)..]).Trim('\n'),
            _yamlLines = yamlLines,
        };
    }

    /// <summary>YAML's untyped graph (strings, lists, maps) as JSON; scalars stay strings and fields parse them.</summary>
    internal static JsonNode? ToJson(object? node) => node switch
    {
        null => null,
        string s => JsonValue.Create(s),
        IDictionary<object, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key.ToString()!, ToJson(p.Value)))),
        IEnumerable<object?> list => new JsonArray(list.Select(ToJson).ToArray()),
        _ => JsonValue.Create(node.ToString()),
    };
}
