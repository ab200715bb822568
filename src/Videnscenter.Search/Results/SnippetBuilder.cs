using System.Net;
using System.Text;
using Videnscenter.Search.Analysis;

namespace Videnscenter.Search.Results;

/// <summary>
/// Builds the snippet of a hit from the ORIGINAL summary or body: the analyzer's token offsets locate
/// the matched words in the text as written; the window (about <see cref="TargetLength"/> characters,
/// cut at word boundaries, "…" where cut) with the most distinct matched terms wins, the summary on a
/// tie. Matches are wrapped in &lt;mark&gt;; all text is HTML-encoded.
/// </summary>
internal static class SnippetBuilder
{
    /// <summary>Aimed-for snippet length in characters of text (the result stays within ~160-240).</summary>
    public const int TargetLength = 200;

    /// <summary>Only this much of a long body is searched for the snippet window.</summary>
    private const int MaxScannedLength = 50_000;

    private const string Ellipsis = "…";

    public static string Build(string summary, string body, HighlightTerms terms)
    {
        Window? best = null;
        foreach (string text in new[] { summary, body })
        {
            if (string.IsNullOrWhiteSpace(text) || terms.IsEmpty)
            {
                continue;
            }

            Window? window = BestWindow(text, terms);
            if (window is Window w && (best is null || w.Score > best.Value.Score))
            {
                best = w;
            }
        }

        if (best is Window found)
        {
            return Render(found);
        }

        string lead = string.IsNullOrWhiteSpace(summary) ? body : summary;
        return Render(Lead(lead ?? ""));
    }

    private static Window? BestWindow(string text, HighlightTerms terms)
    {
        string scanned = text.Length > MaxScannedLength ? text[..MaxScannedLength] : text;
        var spans = new List<(int Start, int End, string Term)>();
        foreach (AnalyzedToken token in DanishAnalyzer.Instance.Analyze(scanned))
        {
            if (!terms.Matches(token, scanned))
            {
                continue;
            }

            // Overlapping tokens (a hyphenated word's joined form and its parts) merge into one mark.
            if (spans.Count > 0 && token.Start < spans[^1].End)
            {
                (int s, int e, string t) = spans[^1];
                spans[^1] = (s, Math.Max(e, token.End), t);
                continue;
            }

            spans.Add((token.Start, token.End, token.Term));
        }

        if (spans.Count == 0)
        {
            return null;
        }

        // Two pointers: for each first span, the longest run of spans fitting in the target length.
        var inWindow = new Dictionary<string, int>(StringComparer.Ordinal);
        int bestScore = -1;
        int bestFirst = 0;
        int bestLast = 0;
        int last = 0;
        for (int first = 0; first < spans.Count; first++)
        {
            if (last < first)
            {
                last = first;
            }

            while (last < spans.Count && (last == first || spans[last].End - spans[first].Start <= TargetLength))
            {
                inWindow[spans[last].Term] = inWindow.GetValueOrDefault(spans[last].Term) + 1;
                last++;
            }

            int score = (inWindow.Count * 1000) + (last - first);
            if (score > bestScore)
            {
                bestScore = score;
                bestFirst = first;
                bestLast = last;
            }

            int remaining = inWindow[spans[first].Term] - 1;
            if (remaining == 0)
            {
                inWindow.Remove(spans[first].Term);
            }
            else
            {
                inWindow[spans[first].Term] = remaining;
            }
        }

        int clusterStart = spans[bestFirst].Start;
        int clusterEnd = spans[bestLast - 1].End;
        int slack = Math.Max(0, TargetLength - (clusterEnd - clusterStart));
        int start = Math.Max(0, clusterStart - (slack / 3));
        int end = Math.Min(text.Length, start + Math.Max(TargetLength, clusterEnd - clusterStart));
        if (end == text.Length)
        {
            start = Math.Max(0, Math.Min(start, end - TargetLength));
        }

        start = WordStartAtOrAfter(text, start, clusterStart);
        end = WordEndAtOrBefore(text, end, clusterEnd);
        var marks = spans.Where(s => s.Start >= start && s.End <= end).Select(s => (s.Start, s.End)).ToList();
        return new Window(text, start, end, marks, bestScore);
    }

    private static Window Lead(string text)
    {
        int end = Math.Min(text.Length, TargetLength);
        end = WordEndAtOrBefore(text, end, Math.Min(end, TargetLength / 2));
        return new Window(text, 0, end, [], 0);
    }

    /// <summary>Moves a cut forward to the start of a word (not past <paramref name="limit"/>).</summary>
    private static int WordStartAtOrAfter(string text, int start, int limit)
    {
        if (start == 0 || char.IsWhiteSpace(text[start - 1]))
        {
            return start;
        }

        int i = start;
        while (i < limit && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        while (i < limit && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i <= limit ? i : start;
    }

    /// <summary>Moves a cut back to the end of a word (not before <paramref name="limit"/>).</summary>
    private static int WordEndAtOrBefore(string text, int end, int limit)
    {
        if (end >= text.Length || char.IsWhiteSpace(text[end]))
        {
            return end;
        }

        int i = end;
        while (i > limit && !char.IsWhiteSpace(text[i - 1]))
        {
            i--;
        }

        while (i > limit && char.IsWhiteSpace(text[i - 1]))
        {
            i--;
        }

        return i > limit ? i : end;
    }

    private static string Render(Window window)
    {
        string text = window.Text;
        var html = new StringBuilder(TargetLength * 2);
        int start = window.Start;
        while (start < window.End && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        int end = window.End;
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (HasText(text, 0, start))
        {
            html.Append(Ellipsis);
        }

        int at = start;
        foreach ((int markStart, int markEnd) in window.Marks)
        {
            if (markStart < at || markEnd > end)
            {
                continue;
            }

            AppendText(html, text, at, markStart);
            html.Append("<mark>");
            AppendText(html, text, markStart, markEnd);
            html.Append("</mark>");
            at = markEnd;
        }

        AppendText(html, text, at, end);
        if (HasText(text, end, text.Length))
        {
            html.Append(Ellipsis);
        }

        return html.ToString();
    }

    private static bool HasText(string text, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (!char.IsWhiteSpace(text[i]) && !char.IsControl(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Appends text[from..to] HTML-encoded, with whitespace runs and control characters as one space.</summary>
    private static void AppendText(StringBuilder html, string text, int from, int to)
    {
        if (to <= from)
        {
            return;
        }

        var plain = new StringBuilder(to - from);
        bool space = false;
        for (int i = from; i < to; i++)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                plain.Append(' ');
                space = false;
            }

            plain.Append(c);
        }

        if (space)
        {
            plain.Append(' ');
        }

        html.Append(WebUtility.HtmlEncode(plain.ToString()));
    }

    private readonly record struct Window(string Text, int Start, int End, List<(int Start, int End)> Marks, int Score);
}
