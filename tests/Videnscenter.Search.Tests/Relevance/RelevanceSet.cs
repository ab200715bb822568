using System.Globalization;

namespace Videnscenter.Search.Tests.Relevance;

/// <summary>One judged query: its class, the text a reader types, and the graded documents.</summary>
/// <param name="Grades">Document key → grade: 3 perfect, 2 good, 1 related; a key not listed is 0.</param>
internal sealed record JudgedQuery(string Class, string Query, IReadOnlyDictionary<string, int> Grades);

/// <summary>
/// The judged Danish queries (judgements.tsv): one line per (class, query, document key, grade),
/// tab-separated, "#" starts a comment. The grades were written by reading the seed content, not
/// from any engine's results, so they measure either engine the same way.
/// </summary>
internal static class RelevanceSet
{
    /// <summary>The query classes, in the order the table prints them.</summary>
    public static readonly string[] Classes =
        ["single", "inflection", "compound", "ascii", "typo", "synonym", "two-word", "phrase", "people"];

    /// <summary>
    /// The synonyms editors are seeded with (issue 8), handed to the engine by <see cref="SeedIndex"/>
    /// when it takes query-time synonyms. The "synonym" class is judged as if they apply.
    /// </summary>
    public static readonly (string A, string B)[] SeedSynonyms =
        [("misbrug", "rusmidler"), ("bostøtte", "mestringsvejledning"), ("peer", "ligemand")];

    public static IReadOnlyList<JudgedQuery> Load() => Load(RepoRoot.Judgements);

    public static IReadOnlyList<JudgedQuery> Load(string path)
    {
        var queries = new List<(string Class, string Query, Dictionary<string, int> Grades)>();
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var columns = line.Split('\t');
            if (columns.Length != 4 || !int.TryParse(columns[3], NumberStyles.None, CultureInfo.InvariantCulture, out var grade) || grade is < 0 or > 3)
            {
                throw new FormatException($"{Path.GetFileName(path)}, linje {lineNumber}: ventede 'klasse<TAB>forespørgsel<TAB>dokument<TAB>karakter 0-3', fandt '{line}'.");
            }

            if (!Classes.Contains(columns[0]))
            {
                throw new FormatException($"{Path.GetFileName(path)}, linje {lineNumber}: ukendt klasse '{columns[0]}' (kendte: {string.Join(", ", Classes)}).");
            }

            var at = queries.FindIndex(q => q.Class == columns[0] && q.Query == columns[1]);
            if (at < 0)
            {
                queries.Add((columns[0], columns[1], new Dictionary<string, int>(StringComparer.Ordinal)));
                at = queries.Count - 1;
            }

            if (!queries[at].Grades.TryAdd(columns[2], grade))
            {
                throw new FormatException($"{Path.GetFileName(path)}, linje {lineNumber}: '{columns[2]}' er bedømt to gange for '{columns[1]}'.");
            }
        }

        return [.. queries.Select(q => new JudgedQuery(q.Class, q.Query, q.Grades))];
    }
}
