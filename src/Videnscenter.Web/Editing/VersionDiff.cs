using System.Globalization;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Editing;

public enum DiffKind
{
    Same,
    Removed,
    Added,
    /// <summary>A run of unchanged lines left out; Text holds how many.</summary>
    Skipped,
}

public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>The changes in one part of an item (title, body, a field).</summary>
public sealed record DiffSection(string Label, IReadOnlyList<DiffLine> Lines);

/// <summary>
/// A readable line-based diff between two versions: the title, summary, body and every field as
/// editors read them (labels, dates in Danish, titles of linked items), not as stored JSON.
/// </summary>
public static class VersionDiff
{
    /// <summary>Unchanged lines kept around a change; longer unchanged runs are folded.</summary>
    public const int Context = 2;

    public static IReadOnlyList<DiffSection> Compare(ContentItem? older, ContentItem newer, ContentTypeDefinition type,
        ContentSchema schema, IReadOnlyDictionary<Guid, string> titles)
    {
        var before = older is null ? null : Parts(older, type, schema, titles);
        var after = Parts(newer, type, schema, titles);
        var sections = new List<DiffSection>();
        for (var i = 0; i < after.Count; i++)
        {
            var (label, lines) = after[i];
            // Both versions have the same type, so their parts line up one to one.
            var old = before is null ? [] : before[i].Lines;
            if (old.SequenceEqual(lines)) continue;
            sections.Add(new DiffSection(label, Fold(Lines(old, lines))));
        }
        return sections;
    }

    /// <summary>Every part of an item as lines of display text, in the editor's order.</summary>
    public static IReadOnlyList<(string Label, IReadOnlyList<string> Lines)> Parts(ContentItem item, ContentTypeDefinition type,
        ContentSchema schema, IReadOnlyDictionary<Guid, string> titles)
    {
        var parts = new List<(string, IReadOnlyList<string>)>
        {
            ("Titel", [item.Title]),
            ("Adresse", [item.Slug]),
            ("Resumé", SplitLines(item.Summary)),
            ("Hvem må læse den", [AudienceNames.Describe(item.Audience)]),
            ("Afdelinger", item.Departments.Select(schema.DepartmentLabel).ToList()),
            ("Emneord", item.Tags.Count == 0 ? [] : [string.Join(", ", item.Tags)]),
            ("Brødtekst", SplitLines(item.Body)),
        };
        foreach (var f in type.Fields) parts.Add((f.Label, DisplayLines(item, f, schema, titles)));
        return parts;
    }

    /// <summary>A field's value as an editor reads it, one line per value or text line.</summary>
    public static IReadOnlyList<string> DisplayLines(ContentItem item, FieldDefinition f, ContentSchema schema, IReadOnlyDictionary<Guid, string> titles)
    {
        switch (f.Kind)
        {
            case FieldKind.Markdown:
                return SplitLines(item.Text(f.Name));
            case FieldKind.Boolean:
                return [item.Bool(f.Name) ? "Ja" : "Nej"];
            case FieldKind.Number:
                return item.Number(f.Name) is { } n ? [n.ToString("0.##", Danish.Culture)] : [];
            case FieldKind.Date:
                return item.Date(f.Name) is { } d ? [Danish.Date(d)] : [];
            case FieldKind.DateTimeRanges:
                return item.Ranges(f.Name).Select(r => Danish.Range(r.Start, r.End)).ToList();
            case FieldKind.Choice:
                return item.Values(f.Name).ToList();
            case FieldKind.Taxonomy:
            {
                var taxonomy = f.Taxonomy is { } t ? schema.Taxonomy(t) : null;
                return item.Values(f.Name).Select(v => taxonomy?.LabelOf(v) ?? v).ToList();
            }
            case FieldKind.Reference:
                return item.References(f.Name)
                    .Select(r => (titles.TryGetValue(r.Id, out var title) ? title : "(slettet indhold)") + (r.Level is null ? "" : $" · {r.Level}"))
                    .ToList();
            default:
                return item.Text(f.Name) is { } s ? [s] : [];
        }
    }

    private static IReadOnlyList<string> SplitLines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n").Split('\n');

    /// <summary>A longest-common-subsequence diff of two line lists.</summary>
    public static IReadOnlyList<DiffLine> Lines(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        // Common prefix and suffix first: most edits touch a few lines of a long text.
        var start = 0;
        while (start < a.Count && start < b.Count && a[start] == b[start]) start++;
        var endA = a.Count;
        var endB = b.Count;
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1]) { endA--; endB--; }

        var n = endA - start;
        var m = endB - start;
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
            for (var j = m - 1; j >= 0; j--)
                lcs[i, j] = a[start + i] == b[start + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var result = new List<DiffLine>();
        for (var k = 0; k < start; k++) result.Add(new DiffLine(DiffKind.Same, a[k]));
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[start + x] == b[start + y]) { result.Add(new DiffLine(DiffKind.Same, a[start + x])); x++; y++; }
            else if (y < m && (x == n || lcs[x, y + 1] >= lcs[x + 1, y])) { result.Add(new DiffLine(DiffKind.Added, b[start + y])); y++; }
            else { result.Add(new DiffLine(DiffKind.Removed, a[start + x])); x++; }
        }
        for (var k = endA; k < a.Count; k++) result.Add(new DiffLine(DiffKind.Same, a[k]));
        // Show removals before additions within a changed block, as people read a replacement.
        return Reorder(result);
    }

    private static List<DiffLine> Reorder(List<DiffLine> lines)
    {
        var result = new List<DiffLine>(lines.Count);
        var i = 0;
        while (i < lines.Count)
        {
            if (lines[i].Kind == DiffKind.Same) { result.Add(lines[i++]); continue; }
            var block = new List<DiffLine>();
            while (i < lines.Count && lines[i].Kind != DiffKind.Same) block.Add(lines[i++]);
            result.AddRange(block.Where(l => l.Kind == DiffKind.Removed));
            result.AddRange(block.Where(l => l.Kind == DiffKind.Added));
        }
        return result;
    }

    /// <summary>Keeps <see cref="Context"/> unchanged lines around each change and folds the rest.</summary>
    public static IReadOnlyList<DiffLine> Fold(IReadOnlyList<DiffLine> lines)
    {
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind == DiffKind.Same) continue;
            for (var k = Math.Max(0, i - Context); k <= Math.Min(lines.Count - 1, i + Context); k++) keep[k] = true;
        }
        var result = new List<DiffLine>();
        var skipped = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (keep[i])
            {
                if (skipped > 0) result.Add(new DiffLine(DiffKind.Skipped, skipped.ToString(CultureInfo.InvariantCulture)));
                skipped = 0;
                result.Add(lines[i]);
            }
            else skipped++;
        }
        if (skipped > 0) result.Add(new DiffLine(DiffKind.Skipped, skipped.ToString(CultureInfo.InvariantCulture)));
        return result;
    }
}
