using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Videnscenter.Media.Slides;

/// <summary>
/// Reads a PDF's text page by page with poppler's <c>pdftotext</c>, which separates pages with form
/// feeds. It runs as its own process (no shell; the path is one argument) with a time limit, so a
/// hostile or huge PDF cannot hang or crash the site.
/// </summary>
public static partial class PdfSlides
{
    public static async Task<IReadOnlyList<SlideText>> ExtractAsync(string pdfPath, MediaOptions options, CancellationToken ct)
    {
        var start = new ProcessStartInfo(options.PdfToTextPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            CreateNoWindow = true,
        };
        foreach (var arg in new[] { "-layout", "-enc", "UTF-8", "-q", pdfPath, "-" }) start.ArgumentList.Add(arg);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new SlideExtractionException(
                "Teksten i PDF-filen kan ikke læses, fordi programmet pdftotext ikke er installeret på serveren. Bed driften installere pakken poppler-utils.", e, serverProblem: true);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.PdfToTextTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            var text = await output;
            await errors;
            if (process.ExitCode != 0)
                throw new SlideExtractionException("Teksten i PDF-filen kan ikke læses: filen er beskadiget eller beskyttet med adgangskode.");
            return Split(text);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Stop(process);
            throw new SlideExtractionException(
                $"Det tog for lang tid at læse teksten i PDF-filen (over {options.PdfToTextTimeout.TotalSeconds:0} sekunder). Prøv med en mindre fil.");
        }
        catch (OperationCanceledException)
        {
            Stop(process);
            throw;
        }
    }

    private static void Stop(Process process)
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already exited */ }
    }

    /// <summary>pdftotext's output, one page per form feed: the first line is the page's title, the rest its text.</summary>
    internal static IReadOnlyList<SlideText> Split(string text)
    {
        var pages = text.Replace("\r\n", "\n").Split('\f');
        // pdftotext ends the last page with a form feed too, leaving an empty piece after it.
        var count = pages.Length > 0 && string.IsNullOrWhiteSpace(pages[^1]) ? pages.Length - 1 : pages.Length;
        var slides = new List<SlideText>(count);
        for (var i = 0; i < count; i++)
        {
            // -layout keeps columns apart with runs of spaces; for reading and searching one space is enough.
            var lines = pages[i].Split('\n').Select(l => Spaces().Replace(l, " ").Trim()).Where(l => l.Length > 0).ToList();
            var title = lines.Count > 0 ? lines[0] : "";
            slides.Add(new SlideText(i + 1, title, string.Join("\n", lines.Skip(1))));
        }
        return slides;
    }

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
