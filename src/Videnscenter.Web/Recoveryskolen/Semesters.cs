using System.Globalization;
using System.Text.RegularExpressions;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>A term of the "semestre" taxonomy, e.g. key "foraar-2027", label "Forår 2027".</summary>
public sealed partial record Semester(string Key, string Label, int Year, int Season)
{
    public const string Taxonomy = "semestre";
    private const int Unknown = 9;

    /// <summary>"forår 2027", for use inside a sentence.</summary>
    public string Name => Label.Length == 0 ? Label : char.ToLower(Label[0], Danish.Culture) + Label[1..];

    public string Url => $"/kurser/semester/{Key}";
    public string PdfUrl => $"/kurser/semester/{Key}.pdf";

    /// <summary>Chronological: year, then spring (forår) before autumn (efterår); unknown keys last.</summary>
    public int SortKey => Year * 10 + Season;

    public static Semester From(ContentSchema schema, string key)
    {
        var label = schema.Taxonomy(Taxonomy)?.Term(key)?.Label;
        var match = KeyPattern().Match(key);
        if (!match.Success) return new Semester(key, label ?? key, int.MaxValue / 10 - 1, Unknown);
        var spring = match.Groups[1].Value == "foraar";
        var year = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return new Semester(key, label ?? $"{(spring ? "Forår" : "Efterår")} {year}", year, spring ? 0 : 1);
    }

    [GeneratedRegex("^(foraar|efteraar)-([0-9]{4})$")]
    private static partial Regex KeyPattern();
}

/// <summary>The "for whom" choices of a course as filter values in the address (?for=paaroerende).</summary>
public static class CourseAudiences
{
    public static readonly IReadOnlyList<(string Value, string Label)> All =
    [
        ("borgere", "Borgere"),
        ("paaroerende", "Pårørende"),
        ("medarbejdere", "Medarbejdere"),
    ];

    public static IEnumerable<string> KeysOf(ContentItem course) =>
        course.Values("courseAudience").Select(a => All.FirstOrDefault(x => string.Equals(x.Label, a, StringComparison.OrdinalIgnoreCase)).Value)
            .OfType<string>();
}
