using System.Text;
using Videnscenter.Search.Analysis;

namespace Videnscenter.Search.Results;

/// <summary>
/// The excerpt under a hit: the window of the summary or body with the most distinct query terms,
/// cut at words, the matched words in &lt;mark&gt;, everything else HTML-escaped with Danish letters
/// left as UTF-8 text. Matches are found by running the stored text through the index's own
/// analyzer, so a stem, an ASCII spelling or a hyphenated compound is marked exactly where the index
/// matched it. Our own window choice rather than Lucene's Highlighter: its fixed-size fragmenter can
/// cut a cluster of matches in two, and its HTML encoder writes æ/ø/å as numeric entities.
/// </summary>
internal static class Snippets
{
    /// <summary>Target length of a window in characters.</summary>
    public const int WindowLength = 200;

    /// <summary>Text up to this length is shown whole.</summary>
    private const int WholeTextLength = 240;


    /// <summary>A paragraph break inside a snippet: so a heading does not run into the next paragraph.</summary>
    private const string ParagraphBreak = " · ";

    /// <summary>The snippet of a hit with this summary and body, its matches found by <paramref name="matcher"/>.</summary>
    public static string Build(SnippetMatcher matcher, string? summary, string? body)
    {
        summary ??= "";
        body ??= "";
        var fromSummary = Best(summary, Prepare(matcher.Find(summary), summary));
        var fromBody = Best(body, Prepare(matcher.Find(body), body));

        // The summary wins ties: it is written to be read.
        if (fromSummary is not null && (fromBody is null || fromSummary.Distinct >= fromBody.Distinct))
        {
            return Render(summary, fromSummary);
        }

        if (fromBody is not null)
        {
            return Render(body, fromBody);
        }

        var lead = summary.Trim().Length > 0 ? summary : body;
        return Render(lead, Lead(lead));
    }

    /// <summary>A matched word in the text (overlapping tokens of one word are merged).</summary>
    internal readonly record struct Match(int Start, int End, string Term);

    private sealed record Window(int Start, int End, List<Match> Matches, int Distinct);

    private static Window? Best(string text, List<Match> matches)
    {
        if (matches.Count == 0)
        {
            return null;
        }

        if (text.Length <= WholeTextLength)
        {
            return new Window(0, text.Length, matches, matches.Select(m => m.Term).Distinct().Count());
        }

        // The matches are sorted and do not overlap (Prepare), and a window's start only moves right
        // from one anchor to the next: the matches inside are a run [first, last) found by moving two
        // indexes forward, not by filtering the whole list for every anchor.
        Window? best = null;
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var first = 0;
        foreach (var anchor in matches)
        {
            // Start a little before the first match so it reads in context.
            var start = Math.Max(0, anchor.Start - 50);
            var end = Math.Min(text.Length, start + WindowLength);
            start = Math.Max(0, Math.Min(start, end - WindowLength));
            while (first < matches.Count && matches[first].Start < start)
            {
                first++;
            }

            terms.Clear();
            var last = first;
            while (last < matches.Count && matches[last].End <= end)
            {
                terms.Add(matches[last].Term);
                last++;
            }

            var count = last - first;
            if (best is null || terms.Count > best.Distinct || (terms.Count == best.Distinct && count > best.Matches.Count))
            {
                best = new Window(start, end, matches.GetRange(first, count), terms.Count);
            }
        }

        (var cutStart, var cutEnd) = CutAtWords(text, best!.Start, best.End);
        return best with { Start = cutStart, End = cutEnd, Matches = [.. best.Matches.Where(m => m.Start >= cutStart && m.End <= cutEnd)] };
    }

    private static Window Lead(string text)
    {
        if (text.Length <= WholeTextLength)
        {
            return new Window(0, text.Length, [], 0);
        }

        (var start, var end) = CutAtWords(text, 0, WindowLength);
        return new Window(start, end, [], 0);
    }

    /// <summary>Moves the window's ends inwards to whitespace, so no word is cut.</summary>
    private static (int Start, int End) CutAtWords(string text, int start, int end)
    {
        if (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            var space = text.IndexOfAny([' ', '\n', '\t', '\r'], start);
            start = space < 0 || space >= end ? start : space + 1;
        }

        if (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            var space = text.LastIndexOfAny([' ', '\n', '\t', '\r'], end - 1, end - start);
            end = space <= start ? end : space;
        }

        return (start, end);
    }

    /// <summary>Sorted, overlaps merged, widened to whole words.</summary>
    private static List<Match> Prepare(List<Match> found, string text)
    {
        found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var matches = new List<Match>(found.Count);
        foreach (var match in found)
        {
            if (matches.Count > 0 && matches[^1].End > match.Start)
            {
                // Parts and the joined form of "Recovery-skolen" overlap: mark the whole word once.
                var previous = matches[^1];
                matches[^1] = previous with { End = Math.Max(previous.End, match.End) };
            }
            else
            {
                matches.Add(match);
            }
        }

        return Widen(text, matches);
    }

    /// <summary>A part of a hyphenated word is marked as the whole word ("Recovery-skolen").</summary>
    private static List<Match> Widen(string text, List<Match> matches)
    {
        var widened = new List<Match>(matches.Count);
        foreach (var match in matches)
        {
            var start = match.Start;
            var end = match.End;
            while (start > 0 && (IsLetterOrDigit(text, start - 1) || (DanishAnalysis.IsJoiner(text[start - 1]) && start > 1 && IsLetterOrDigit(text, start - 2))))
            {
                start--;
            }

            while (end < text.Length && (IsLetterOrDigit(text, end) || (DanishAnalysis.IsJoiner(text[end]) && end + 1 < text.Length && IsLetterOrDigit(text, end + 1))))
            {
                end++;
            }

            if (widened.Count > 0 && widened[^1].End >= start)
            {
                widened[^1] = widened[^1] with { End = Math.Max(widened[^1].End, end) };
            }
            else
            {
                widened.Add(new Match(start, end, match.Term));
            }
        }

        return widened;
    }

    private static bool IsLetterOrDigit(string text, int index) =>
        char.IsLetterOrDigit(text[index]) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(text[index]) == System.Globalization.UnicodeCategory.NonSpacingMark;

    private static string Render(string text, Window window)
    {
        var html = new StringBuilder(window.End - window.Start + 32);
        if (window.Start > 0)
        {
            html.Append('…');
        }

        var at = window.Start;
        foreach (var match in window.Matches)
        {
            AppendText(html, text, at, match.Start);
            html.Append("<mark>");
            AppendText(html, text, match.Start, match.End);
            html.Append("</mark>");
            at = match.End;
        }

        AppendText(html, text, at, window.End);
        if (window.End < text.Length)
        {
            html.Append('…');
        }

        return html.ToString().Trim();
    }

    /// <summary>HTML-escapes the five special characters only; line breaks become a visible separator.</summary>
    private static void AppendText(StringBuilder html, string text, int start, int end)
    {
        var pendingBreak = false;
        var pendingSpace = false;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                pendingBreak = true;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingBreak)
            {
                html.Append(html.Length == 0 || html[^1] == '…' ? "" : ParagraphBreak);
            }
            else if (pendingSpace)
            {
                html.Append(' ');
            }

            pendingBreak = false;
            pendingSpace = false;
            switch (c)
            {
                case '&': html.Append("&amp;"); break;
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '"': html.Append("&quot;"); break;
                case '\'': html.Append("&#39;"); break;
                default:
                    if (!char.IsControl(c))
                    {
                        html.Append(c);
                    }

                    break;
            }
        }

        if (pendingBreak)
        {
            html.Append(ParagraphBreak);
        }
        else if (pendingSpace)
        {
            html.Append(' ');
        }
    }
}
