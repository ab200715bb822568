using System.Globalization;
using DiffPlex;
using DiffPlex.Chunkers;
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

/// <param name="Words">For a removed or added line that replaces another: its text in runs, the changed words marked.</param>
public sealed record DiffLine(DiffKind Kind, string Text, IReadOnlyList<DiffSegment>? Words = null);

/// <summary>A run of words within a changed line, and whether they changed.</summary>
public sealed record DiffSegment(string Text, bool Changed);

/// <summary>The changes in one part of an item (title, body, a field).</summary>
public sealed record DiffSection(string Label, IReadOnlyList<DiffLine> Lines);

/// <summary>
/// A readable line-based diff, with word-level highlights, between two versions: the title, summary, body and every field as
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

    /// <summary>
    /// A line diff of two line lists with DiffPlex (Myers' algorithm: memory linear in the text, where
    /// a longest-common-subsequence table grows with the product of the two lengths). In a changed
    /// block, removals come before additions, as people read a replacement, and each removed line
    /// paired with an added one carries word-level segments saying which words changed.
    /// </summary>
    public static IReadOnlyList<DiffLine> Lines(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
            return [.. a.Select(l => new DiffLine(DiffKind.Removed, l)), .. b.Select(l => new DiffLine(DiffKind.Added, l))];
        // Joined and split on '\n' only: non-empty lists of lines make the round trip unchanged.
        var diff = Differ.Instance.CreateDiffs(string.Join('\n', a), string.Join('\n', b), false, false, NewlineChunker.Instance);
        var result = new List<DiffLine>();
        var x = 0;
        foreach (var block in diff.DiffBlocks)
        {
            for (; x < block.DeleteStartA; x++) result.Add(new DiffLine(DiffKind.Same, a[x]));
            var removed = a.Skip(block.DeleteStartA).Take(block.DeleteCountA).ToList();
            var added = b.Skip(block.InsertStartB).Take(block.InsertCountB).ToList();
            for (var i = 0; i < removed.Count; i++)
                result.Add(new DiffLine(DiffKind.Removed, removed[i], i < added.Count ? Words(removed[i], added[i]).Old : null));
            for (var i = 0; i < added.Count; i++)
                result.Add(new DiffLine(DiffKind.Added, added[i], i < removed.Count ? Words(removed[i], added[i]).New : null));
            x = block.DeleteStartA + block.DeleteCountA;
        }
        for (; x < a.Count; x++) result.Add(new DiffLine(DiffKind.Same, a[x]));
        return result;
    }

    /// <summary>Word-level segments of a replaced line: the words of each side, marked where they differ.</summary>
    public static (IReadOnlyList<DiffSegment> Old, IReadOnlyList<DiffSegment> New) Words(string before, string after)
    {
        var diff = Differ.Instance.CreateDiffs(before, after, false, false, WordChunker.Instance);
        var deleted = new bool[diff.PiecesOld.Count];
        var inserted = new bool[diff.PiecesNew.Count];
        foreach (var block in diff.DiffBlocks)
        {
            for (var i = 0; i < block.DeleteCountA; i++) deleted[block.DeleteStartA + i] = true;
            for (var i = 0; i < block.InsertCountB; i++) inserted[block.InsertStartB + i] = true;
        }
        return (Segments(diff.PiecesOld, deleted), Segments(diff.PiecesNew, inserted));
    }

    // Danish letters stay letters; only what HTML needs is encoded.
    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>A removed or added line as HTML: encoded text, the changed words in <c>mark</c>.</summary>
    public static string Html(DiffLine line)
    {
        var html = Encoder;
        if (line.Words is not { } words) return html.Encode(line.Text.Length == 0 ? "(tom linje)" : line.Text);
        return string.Concat(words.Select(w => w.Changed ? "<mark>" + html.Encode(w.Text) + "</mark>" : html.Encode(w.Text)));
    }

    /// <summary>Pieces joined into runs of changed and unchanged text.</summary>
    private static List<DiffSegment> Segments(IReadOnlyList<string> pieces, bool[] changed)
    {
        var segments = new List<DiffSegment>();
        for (var i = 0; i < pieces.Count; i++)
        {
            // A space between two changed words belongs to the change, so it reads as one phrase.
            var isChanged = changed[i] || (pieces[i].Trim().Length == 0 && i > 0 && i + 1 < pieces.Count && changed[i - 1] && changed[i + 1]);
            if (segments.Count > 0 && segments[^1].Changed == isChanged)
                segments[^1] = segments[^1] with { Text = segments[^1].Text + pieces[i] };
            else
                segments.Add(new DiffSegment(pieces[i], isChanged));
        }
        return segments;
    }

    /// <summary>Splits on '\n' only, keeping empty lines (DiffPlex's line chunker also splits on '\r').</summary>
    private sealed class NewlineChunker : IChunker
    {
        public static readonly NewlineChunker Instance = new();
        public IReadOnlyList<string> Chunk(string text) => text.Split('\n');
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
