using Videnscenter.Search;
using Videnscenter.Search.Tests.Relevance;

namespace Videnscenter.Benchmarks.Search;

/// <summary>
/// Judged queries over the synthetic corpus, graded from the generator's topics
/// (<see cref="DanishCorpus.Grades"/>) and their text at whatever size was generated: the query's lemmas, not its
/// spelling, decide what is relevant, so a compound written apart, an inflected form or a typo is
/// judged like the plain word.
/// </summary>
internal static class SyntheticRelevance
{
    private static readonly (string Class, string Query, string[] Lemmas)[] Queries =
    [
        ("single", "angst", ["angst"]),
        ("single", "peer", ["peer"]),
        ("single", "samtale", ["samtale"]),
        ("single", "borger", ["borger"]),
        ("single", "metode", ["metode"]),
        ("inflection", "samtalerne", ["samtale"]),
        ("inflection", "borgerne", ["borger"]),
        ("inflection", "metoderne", ["metode"]),
        ("inflection", "kurserne", ["kursus"]),
        ("inflection", "pårørendes", ["pårørende"]),
        ("compound", "recoveryskolen", ["recoveryskole"]),
        ("compound", "recovery skolen", ["recoveryskole"]),
        ("compound", "recovery-skolen", ["recoveryskole"]),
        ("compound", "peerstøtte", ["peerstøtte"]),
        ("compound", "peer støtte", ["peerstøtte"]),
        ("compound", "peer-støtte", ["peerstøtte"]),
        ("compound", "netværksmødet", ["netværksmøde"]),
        ("compound", "netværks mødet", ["netværksmøde"]),
        ("compound", "netværks-mødet", ["netværksmøde"]),
        ("typo", "mestringsvejlednig", ["mestringsvejledning"]),
        ("typo", "pårørnde", ["pårørende"]),
        ("typo", "recovry", ["recovery"]),
        ("typo", "samtlae", ["samtale"]),
        ("typo", "metdoe", ["metode"]),
        ("two-word", "angst samtale", ["angst", "samtale"]),
        ("two-word", "recovery borger", ["recovery", "borger"]),
        ("two-word", "peer metode", ["peer", "metode"]),
        ("two-word", "pårørende kursus", ["pårørende", "kursus"]),
    ];

    /// <summary>The judged queries for <paramref name="documents"/>, which <paramref name="corpus"/>
    /// generated last; queries without any relevant document at this size are left out (their nDCG
    /// is undefined).</summary>
    public static IReadOnlyList<JudgedQuery> For(DanishCorpus corpus, IReadOnlyList<SearchDocument> documents)
    {
        var grades = corpus.Grades(documents, [.. Queries.Select(q => q.Lemmas)]);
        return [.. Queries
            .Select((q, i) => new JudgedQuery(q.Class, q.Query, grades[i]))
            .Where(q => q.Grades.Values.Any(g => g > 0))];
    }
}
