using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Videnscenter.Search.Tests.Relevance;

/// <summary>
/// The seed content (content-seed/&lt;section&gt;/&lt;slug&gt;.md) as the site indexes it, without the site:
/// the recipe's content types say which fields are indexed, which are facets, the type's boost and
/// default audience, and the taxonomies give the labels. Mirrors Web's <c>SearchDocuments.From</c>
/// (one document per item; a slide deck adds one per "## Slide N" section, boost × 0.9; body = the
/// Markdown body plus the indexed text and Markdown fields as plain text plus one "title: level" line
/// per levelled reference; the highest level's titles also in the summary; the labels of the yes/no
/// fields that are on as keywords). Ids are "&lt;section&gt;/&lt;slug&gt;" and
/// "slides/&lt;slug&gt;#slide-N", so the judgements can name them.
/// When SearchDocuments changes what it indexes, change this to match.
/// </summary>
internal static partial class SeedDocuments
{
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    public static IReadOnlyList<SearchDocument> Load() => Load(RepoRoot.Recipe, RepoRoot.Seed);

    public static IReadOnlyList<SearchDocument> Load(string recipePath, string seedFolder)
    {
        using var recipe = JsonDocument.Parse(File.ReadAllText(recipePath));
        JsonElement[] steps = [.. recipe.RootElement.GetProperty("steps").EnumerateArray()];
        var taxonomies = steps
            .Where(s => s.TryGetProperty("taxonomies", out _))
            .SelectMany(s => s.GetProperty("taxonomies").EnumerateArray())
            .ToDictionary(
                t => t.GetProperty("name").GetString()!,
                t => t.GetProperty("terms").EnumerateArray().ToDictionary(x => x.GetProperty("key").GetString()!, x => x.GetProperty("label").GetString()!));
        JsonElement[] types = [.. steps.Where(s => s.TryGetProperty("types", out _)).SelectMany(s => s.GetProperty("types").EnumerateArray())];

        var items = new List<(FrontMatter Item, string Slug, JsonElement Type)>();
        foreach (var type in types)
        {
            var section = type.GetProperty("section").GetString()!;
            var folder = Path.Combine(seedFolder, section);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal))
            {
                var item = FrontMatter.Parse(File.ReadAllText(file), file);
                items.Add((item, item.Text("slug") is { Length: > 0 } s ? s : Path.GetFileNameWithoutExtension(file), type));
            }
        }

        // What a reference names: the seed refers by "<slug>" within the field's reference types,
        // where the site stores the item's id; both resolve to the referenced item's title and audience.
        Dictionary<(string Type, string Slug), Referenced> referenced = items.ToDictionary(
            i => (i.Type.GetProperty("name").GetString()!, i.Slug),
            i => new Referenced(i.Item.Text("title"), AudienceOf(i.Item, i.Type)));
        return [.. items.SelectMany(i => From(i.Item, i.Slug, i.Type, taxonomies, referenced))];
    }

    private sealed record Referenced(string Title, Audience Audience);

    private static Audience AudienceOf(FrontMatter item, JsonElement type) =>
        Enum.Parse<Audience>(item.Text("audience") is { Length: > 0 } a ? a : type.GetProperty("defaultAudience").GetString()!);

    private static IEnumerable<SearchDocument> From(FrontMatter item, string slug, JsonElement type,
        Dictionary<string, Dictionary<string, string>> taxonomies, Dictionary<(string Type, string Slug), Referenced> referenced)
    {
        var typeName = type.GetProperty("name").GetString()!;
        var section = type.GetProperty("section").GetString()!;
        JsonElement[] fields = [.. type.GetProperty("fields").EnumerateArray()];
        var boost = type.TryGetProperty("boost", out var b) ? b.GetDouble() : 1.0;
        var audience = AudienceOf(item, type);
        (var masteredLines, var masteredTop) = Mastered(item, fields, audience, referenced);

        var facets = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var field in fields.Where(f => Flag(f, "facet")))
        {
            var name = field.GetProperty("name").GetString()!;
            var taxonomy = field.TryGetProperty("taxonomy", out var t) ? t.GetString() : null;
            List<string> values = [.. item.List(name).Select(v => taxonomy is not null && taxonomies[taxonomy].TryGetValue(v, out var label) ? label : v)];
            if (values.Count > 0)
            {
                facets[taxonomy ?? name] = values;
            }
        }

        var indexed = fields
            .Where(f => Flag(f, "indexed") && f.GetProperty("kind").GetString() is "markdown" or "text")
            .Select(f => f.GetProperty("kind").GetString() == "markdown" ? PlainText(item.Text(f.GetProperty("name").GetString()!)) : item.Text(f.GetProperty("name").GetString()!))
            .Where(text => !string.IsNullOrWhiteSpace(text));

        var starts = fields
            .Where(f => f.GetProperty("kind").GetString() == "dateTimeRanges")
            .SelectMany(f => item.List(f.GetProperty("name").GetString()!))
            .Select(RangeStartUtc)
            .DefaultIfEmpty()
            .Max();

        var id = $"{section}/{slug}";
        var url = $"/{section}/{slug}";
        var departments = taxonomies["afdelinger"];
        var document = new SearchDocument
        {
            Id = id,
            Type = typeName,
            Title = item.Text("title"),
            Summary = masteredTop is null ? item.Text("summary") : $"{item.Text("summary")}\n{masteredTop}",
            Body = string.Join("\n\n", new[] { PlainText(item.Body) }.Concat(indexed).Concat(masteredLines)),
            Url = url,
            Audience = audience,
            Departments = [.. item.List("departments").Select(d => departments.TryGetValue(d, out var label) ? label : d)],
            Tags = item.List("tags"),
            Keywords = [.. fields.Where(f => f.GetProperty("kind").GetString() == "boolean" && Flag(f, "indexed") && item.Text(f.GetProperty("name").GetString()!) == "true")
                .Select(f => f.GetProperty("label").GetString()!)],
            Facets = facets,
            Boost = boost,
            StartsUtc = starts,
            UpdatedUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        yield return document;

        if (typeName != "SlideDeck")
        {
            yield break;
        }

        var headings = SlideHeading().Matches(item.Body);
        for (var i = 0; i < headings.Count; i++)
        {
            var start = headings[i].Index + headings[i].Length;
            var end = i + 1 < headings.Count ? headings[i + 1].Index : item.Body.Length;
            var number = headings[i].Groups[1].Value;
            var title = headings[i].Groups[2].Value.Trim();
            yield return document with
            {
                Id = $"{id}#slide-{number}",
                Title = title.Length == 0 ? $"{document.Title}, slide {number}" : $"{document.Title}, slide {number}: {title}",
                Summary = "",
                Body = PlainText(item.Body[start..end].Trim()),
                Url = $"{url}#slide-{number}",
                Boost = boost * 0.9,
            };
        }
    }

    /// <summary>
    /// As the site's SearchDocuments.Mastered: per levelled reference a body line "title: level", and the
    /// titles at the field's highest level once more in the summary ("level: t1, t2"), so teachers rank
    /// first; only references whose audience is no wider than the item's own.
    /// </summary>
    private static (List<string> Lines, string? Top) Mastered(FrontMatter item, JsonElement[] fields, Audience audience,
        Dictionary<(string Type, string Slug), Referenced> referenced)
    {
        var lines = new List<string>();
        var top = new List<string>();
        foreach (var field in fields.Where(f => f.GetProperty("kind").GetString() == "reference" && f.TryGetProperty("levels", out var l) && l.GetArrayLength() > 0))
        {
            var highestLevel = field.GetProperty("levels").EnumerateArray().Last().GetString()!;
            string[] referenceTypes = [.. field.GetProperty("referenceTypes").EnumerateArray().Select(t => t.GetString()!)];
            var highest = new List<string>();
            foreach ((var slug, var level) in item.Pairs(field.GetProperty("name").GetString()!))
            {
                var target = referenceTypes.Select(t => referenced.GetValueOrDefault((t, slug))).FirstOrDefault(r => r is not null);
                if (target is null || target.Audience > audience)
                {
                    continue;
                }

                lines.Add(level.Length == 0 ? target.Title : $"{target.Title}: {level}");
                if (level == highestLevel)
                {
                    highest.Add(target.Title);
                }
            }

            if (highest.Count > 0)
            {
                top.Add($"{highestLevel}: {string.Join(", ", highest)}");
            }
        }

        return (lines, top.Count == 0 ? null : string.Join("\n", top));
    }

    private static bool Flag(JsonElement field, string name) =>
        field.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>"2027-02-02 13:00-15:30" → the start in UTC (the seed's times are Danish local time).</summary>
    private static DateTime? RangeStartUtc(string range)
    {
        var start = range.Split(' ')[0] + " " + range.Split(' ')[1].Split('-')[0];
        var local = DateTime.ParseExact(start, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return TimeZoneInfo.ConvertTimeToUtc(local, Copenhagen);
    }

    /// <summary>Markdown as the reader sees it: no markers, link text without the address.</summary>
    private static string PlainText(string markdown)
    {
        var text = LinkPattern().Replace(markdown, "$1");
        text = MarkerPattern().Replace(text, "");
        text = EmphasisPattern().Replace(text, "");
        return text.Trim();
    }

    [GeneratedRegex(@"^##\s+Slide\s+(\d+)\s*:?\s*(.*)$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex SlideHeading();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^\s*(#{1,6}\s+|[-*+]\s+|\d+\.\s+|>\s?)", RegexOptions.Multiline)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"\*\*|__|(?<!\w)[*_]|[*_](?!\w)|`")]
    private static partial Regex EmphasisPattern();
}

/// <summary>Finds the repository's folders from the output folder, wherever the clone is.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    public static string Recipe => System.IO.Path.Combine(Path, "recipes", "videnscenter.recipe.json");

    public static string Seed => System.IO.Path.Combine(Path, "content-seed");

    public static string Judgements => System.IO.Path.Combine(Path, "tests", "Videnscenter.Search.Tests", "Relevance", "judgements.tsv");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Videnscenter.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Fandt ikke Videnscenter.sln over " + AppContext.BaseDirectory);
    }
}
