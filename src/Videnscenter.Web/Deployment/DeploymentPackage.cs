using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Content.Recipes;
using Videnscenter.Media;
using Videnscenter.Media.Library;

namespace Videnscenter.Web.Deployment;

/// <summary>
/// A deployment package is a zip with <c>recipe.json</c> (one "content" step with
/// <c>"update": true</c>, items keyed by type and slug, references by slug, so ids never travel)
/// and <c>media/</c> with the files the items use. It is a recipe like the site's own, so it is
/// imported by the same <see cref="RecipeExecutor"/> and the same seed importer.
/// </summary>
public sealed class DeploymentPackage(ContentStore store, SchemaStore schemaStore, MediaLibrary library, MediaOptions mediaOptions,
    RecipeExecutor recipes)
{
    public const string RecipeEntry = "recipe.json";
    public const string MediaFolder = "media";
    /// <summary>The largest package accepted (the request limit of the import form).</summary>
    public const long MaxPackageBytes = 256 * MediaOptions.MegaByte;
    /// <summary>recipe.json is text: far below this even for every item of a large site.</summary>
    public const long MaxRecipeBytes = 32 * MediaOptions.MegaByte;
    public const int MaxEntries = 5000;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the published items of <paramref name="types"/> and the items <paramref name="itemIds"/> to <paramref name="output"/>; returns how many.</summary>
    public async Task<int> ExportAsync(Stream output, IReadOnlyCollection<string> types, IReadOnlyCollection<Guid> itemIds, CancellationToken ct)
    {
        var schema = await schemaStore.GetAsync(ct);
        var published = await store.ListPublishedAsync(null, Audience.Medarbejder, ct);
        // References travel as slugs: the slug of every item, published or not, so a reference to a draft still names it.
        var slugs = (await store.ListLatestAsync(null, ct)).ToDictionary(i => i.Id, i => i.Slug);
        foreach (var item in published) slugs[item.Id] = item.Slug;
        var order = schema.Types.Select((t, i) => (t.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.OrdinalIgnoreCase);
        var chosen = published
            .Where(i => types.Contains(i.Type, StringComparer.OrdinalIgnoreCase) || itemIds.Contains(i.Id))
            .OrderBy(i => order.GetValueOrDefault(i.Type, int.MaxValue)).ThenBy(i => i.Slug, StringComparer.Ordinal)
            .ToList();

        var files = new Dictionary<string, MediaFile>(StringComparer.Ordinal);
        var items = new JsonArray();
        foreach (var item in chosen)
            if (schema.Type(item.Type) is { } type)
                items.Add(await ToJsonAsync(item, type, slugs, files, ct));

        var recipe = new JsonObject
        {
            ["name"] = "udrulning",
            ["description"] = $"Indhold fra Videnscenter: {chosen.Count} emner og {files.Count} filer.",
            ["exportedUtc"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["steps"] = new JsonArray(new JsonObject
            {
                ["name"] = "content",
                ["update"] = true,
                ["media"] = MediaFolder,
                ["items"] = items,
            }),
        };
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await using (var entry = zip.CreateEntry(RecipeEntry, CompressionLevel.Optimal).Open())
            await JsonSerializer.SerializeAsync(entry, recipe, Indented, ct);
        foreach (var file in files.Values)
        {
            await using var entry = zip.CreateEntry($"{MediaFolder}/{file.Name}", CompressionLevel.Fastest).Open();
            await using var source = File.OpenRead(library.PathOf(file));
            await source.CopyToAsync(entry, ct);
        }
        return chosen.Count;
    }

    /// <summary>An item in the keys of seed front matter: common keys, then the type's fields, references as slugs, files as paths in the package.</summary>
    private async Task<JsonObject> ToJsonAsync(ContentItem item, ContentTypeDefinition type, Dictionary<Guid, string> slugs,
        Dictionary<string, MediaFile> files, CancellationToken ct)
    {
        var json = new JsonObject
        {
            ["type"] = type.Name,
            ["slug"] = item.Slug,
            ["title"] = item.Title,
            ["summary"] = item.Summary,
            ["audience"] = item.Audience.ToString(),
            ["departments"] = new JsonArray([.. item.Departments.Select(d => (JsonNode)d)]),
            ["tags"] = new JsonArray([.. item.Tags.Select(t => (JsonNode)t)]),
            ["body"] = item.Body,
        };
        foreach (var field in type.Fields)
        {
            if (item.Fields[field.Name] is not { } value) continue;
            json[field.Name] = field.Kind switch
            {
                FieldKind.Reference => new JsonArray([.. item.References(field.Name).Where(r => slugs.ContainsKey(r.Id)).Select(r =>
                    (JsonNode)new JsonObject { ["id"] = slugs[r.Id], ["level"] = r.Level })]),
                FieldKind.Media => await MediaJsonAsync(item.Text(field.Name), files, ct),
                _ => value.DeepClone(),
            };
        }
        return json;
    }

    private async Task<JsonNode?> MediaJsonAsync(string? name, Dictionary<string, MediaFile> files, CancellationToken ct)
    {
        if (await library.FindAsync(name, ct) is not { } file) return null;
        files[file.Name] = file;
        // Relative to the step's "media" folder, as seed content names files relative to its section's folder.
        return file.Kind.IsImage() ? new JsonObject { ["path"] = file.Name, ["alt"] = file.AltText } : JsonValue.Create(file.Name);
    }

    /// <summary>
    /// Checks a package and imports it: only "content" steps, safe names, bounded sizes (checked
    /// while unpacking, not trusted from the zip's own figures). Problems name the file and, where
    /// known, the line or item.
    /// </summary>
    public async Task<RecipeContext> ImportAsync(Stream package, string author, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("videnscenter-udrulning-").FullName;
        try
        {
            var refusal = await UnpackAsync(package, folder, ct);
            if (refusal is not null) return Refused(folder, refusal);
            var recipePath = Path.Combine(folder, RecipeEntry);
            if (!File.Exists(recipePath)) return Refused(folder, new RecipeProblem(RecipeEntry, null, "Pakken har ingen recipe.json: er det en udrulningspakke fra Videnscenter?"));
            if (await CheckStepsAsync(recipePath, ct) is { } stepProblem) return Refused(folder, stepProblem);
            return await recipes.RunAsync(recipePath, ct, author);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* a temp folder left behind is harmless; the OS cleans /tmp */ }
        }
    }

    private static RecipeContext Refused(string folder, RecipeProblem problem)
    {
        var context = new RecipeContext(folder);
        context.Problems.Add(problem);
        return context;
    }

    /// <summary>A package may only add and update content: no settings, types, roles or seed folders.</summary>
    private static async Task<RecipeProblem?> CheckStepsAsync(string recipePath, CancellationToken ct)
    {
        try
        {
            await using var stream = File.OpenRead(recipePath);
            using var document = await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { AllowTrailingCommas = true }, ct);
            if (!document.RootElement.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
                return new RecipeProblem(RecipeEntry, null, "Opskriften mangler en liste «steps».");
            foreach (var step in steps.EnumerateArray())
            {
                var name = step.TryGetProperty("name", out var n) ? n.GetString() : null;
                if (!string.Equals(name, "content", StringComparison.Ordinal))
                    return new RecipeProblem(RecipeEntry, null,
                        $"En udrulningspakke må kun indeholde indhold (trinnet «content»), men den har trinnet «{name}». Indstillinger, typer og roller ændres ikke ved en udrulning.");
            }
            return null;
        }
        catch (JsonException e)
        {
            return new RecipeProblem(RecipeEntry, (int?)e.LineNumber + 1, $"Filen er ikke gyldig JSON: {e.Message}");
        }
    }

    /// <summary>Unpacks recipe.json and media/&lt;name&gt; only, each bounded in size; null when all went well.</summary>
    private async Task<RecipeProblem?> UnpackAsync(Stream package, string folder, CancellationToken ct)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException or EndOfStreamException)
        {
            // Not a zip (too short for one, or no central directory).
            return new RecipeProblem("pakken", null, "Filen er ikke en zip-fil. Vælg den .zip-fil, som eksporten gav.");
        }
        using (zip)
        {
            if (zip.Entries.Count > MaxEntries)
                return new RecipeProblem("pakken", null, $"Pakken har {zip.Entries.Count} filer; højst {MaxEntries} er tilladt.");
            Directory.CreateDirectory(Path.Combine(folder, MediaFolder));
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/')) continue; // a folder entry
                var isRecipe = entry.FullName == RecipeEntry;
                var mediaName = entry.FullName.StartsWith(MediaFolder + "/", StringComparison.Ordinal) ? entry.FullName[(MediaFolder.Length + 1)..] : null;
                if (!isRecipe && (mediaName is null || !IsSafeName(mediaName)))
                    return new RecipeProblem(entry.FullName, null, "Pakken må kun have recipe.json og filer i mappen media/ (uden undermapper).");
                var limit = isRecipe ? MaxRecipeBytes : mediaOptions.MaxBytes;
                var target = Path.Combine(folder, isRecipe ? RecipeEntry : Path.Combine(MediaFolder, mediaName!));
                await using var source = entry.Open();
                await using var destination = File.Create(target);
                var written = await CopyBoundedAsync(source, destination, limit, ct);
                if (written > limit)
                    return new RecipeProblem(entry.FullName, null, $"Filen fylder over {limit / MediaOptions.MegaByte} MB udpakket; højst {limit / MediaOptions.MegaByte} MB er tilladt.");
                total += written;
                if (total > MaxPackageBytes * 2)
                    return new RecipeProblem("pakken", null, $"Pakken fylder over {MaxPackageBytes * 2 / MediaOptions.MegaByte} MB udpakket.");
            }
            return null;
        }
    }

    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 255 && name.IndexOfAny(['/', '\\', ':']) < 0 && name != "." && name != ".."
        && !name.Contains("..", StringComparison.Ordinal) && !name.Any(char.IsControl);

    /// <summary>Copies at most <paramref name="limit"/> + 1 bytes, so a zip bomb stops at the limit whatever its header says.</summary>
    private static async Task<long> CopyBoundedAsync(Stream source, Stream destination, long limit, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long written = 0;
        int read;
        while ((read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit + 1 - written)), ct)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), ct);
            written += read;
            if (written > limit) break;
        }
        return written;
    }
}
