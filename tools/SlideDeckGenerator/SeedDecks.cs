using System.Text.RegularExpressions;

namespace SlideDeckGenerator;

/// <summary>
/// Reads a seed slide deck (content-seed/slides/*.md): the title from the front matter and one slide
/// per "## Slide N: title" section of the body, its lines becoming the slide's paragraphs
/// ("- " lines are bullets).
/// </summary>
public static partial class SeedDecks
{
    public static DeckSpec Parse(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var title = "";
        var bodyStart = 0;
        if (lines.Length > 0 && lines[0].Trim() == "---")
        {
            var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
            if (end < 0) throw new FormatException("Forsiden slutter ikke med en linje med «---».");
            foreach (var line in lines[1..end])
                if (line.StartsWith("title:", StringComparison.Ordinal)) title = Unquote(line["title:".Length..]);
            bodyStart = end + 1;
        }

        var slides = new List<SlideSpec>();
        string? slideTitle = null;
        var paragraphs = new List<SlideParagraph>();
        void Flush()
        {
            if (slideTitle is not null) slides.Add(new SlideSpec(slideTitle, paragraphs.ToList()));
            paragraphs.Clear();
        }
        foreach (var raw in lines[bodyStart..])
        {
            var heading = SlideHeading().Match(raw);
            if (heading.Success)
            {
                Flush();
                slideTitle = heading.Groups[1].Value.Trim();
                continue;
            }
            var line = raw.Trim();
            if (slideTitle is null || line.Length == 0) continue;
            var bullet = ListMarker().Match(line);
            paragraphs.Add(bullet.Success
                ? new SlideParagraph(Plain(line[bullet.Length..]), Bullet: true)
                : new SlideParagraph(Plain(line), Bullet: false));
        }
        Flush();
        return new DeckSpec(title, slides);
    }

    private static string Unquote(string value)
    {
        var v = value.Trim();
        return v.Length >= 2 && (v[0] == '"' && v[^1] == '"' || v[0] == '\'' && v[^1] == '\'') ? v[1..^1] : v;
    }

    /// <summary>Slides hold plain text: Markdown emphasis and code marks are dropped, link text kept.</summary>
    private static string Plain(string markdown) =>
        Emphasis().Replace(Link().Replace(markdown, "$1"), "").Trim();

    [GeneratedRegex(@"^##[ \t]+Slide[ \t]+\d+[ \t]*:?[ \t]*(.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex SlideHeading();

    [GeneratedRegex(@"^(?:[-*+]|\d+\.)[ \t]+")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*|__|`")]
    private static partial Regex Emphasis();
}
