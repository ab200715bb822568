using System.Globalization;
using System.Text.RegularExpressions;

namespace Videnscenter.Media.Slides;

/// <summary>
/// Slides written in a deck's Markdown body as "## Slide N: title" sections: how decks without a
/// file carry their slides, and what the seed generator turns into .pptx files.
/// </summary>
public static partial class MarkdownSlides
{
    public sealed record Section(int Number, string Title, string Markdown);

    /// <summary>The body before the first slide heading (an introduction), and the slides.</summary>
    public static (string Introduction, IReadOnlyList<Section> Slides) Parse(string? body)
    {
        body ??= "";
        var matches = SlideHeading().Matches(body);
        var slides = new List<Section>();
        for (var i = 0; i < matches.Count; i++)
        {
            var start = matches[i].Index + matches[i].Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : body.Length;
            slides.Add(new Section(int.Parse(matches[i].Groups[1].Value, CultureInfo.InvariantCulture),
                matches[i].Groups[2].Value.Trim(), body[start..end].Trim()));
        }
        var introduction = matches.Count > 0 ? body[..matches[0].Index].Trim() : body.Trim();
        return (introduction, slides);
    }

    [GeneratedRegex(@"^##[ \t]+Slide[ \t]+(\d+)[ \t]*:?[ \t]*(.*)$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex SlideHeading();
}
