using Videnscenter.Content;
using Videnscenter.Media.Library;

namespace Videnscenter.Media.Slides;

/// <summary>
/// Reads the slides of a .pptx or .pdf within the <see cref="ExtractionLimits"/>: at most
/// <c>MaxConcurrent</c> files at a time (others wait), each on its own thread off the request's, and
/// each with a time budget. A file that breaks a limit or the budget gives a Danish refusal and no
/// slides; the library then stores nothing of it.
/// </summary>
public sealed class SlideExtractor(MediaOptions options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Extraction.MaxConcurrent, options.Extraction.MaxConcurrent);

    public async Task<SlideExtraction> ExtractAsync(string path, MediaKind kind, CancellationToken ct)
    {
        if (!kind.HasSlides()) return new SlideExtraction([], null);
        var limits = options.Extraction;
        await _slots.WaitAsync(ct);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(limits.Timeout);
        // The slot is given back by the reading itself when it ends, not by this caller: a reading
        // that outlives its budget still counts against the limit until it has stopped.
        var reading = Task.Factory.StartNew(() =>
        {
            try
            {
                return Read(path, kind, new SlideBudget(limits, kind == MediaKind.Pdf ? PdfSlides.Label : PptxSlides.Label, budget.Token));
            }
            finally
            {
                _slots.Release();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            // The readers check the token as they go; the extra second covers the rare call inside a
            // library that cannot be interrupted, after which we answer without it.
            return new SlideExtraction(await reading.WaitAsync(limits.Timeout + TimeSpan.FromSeconds(1), ct), null);
        }
        catch (SlideExtractionException e)
        {
            return SlideExtraction.Failed(e.Message);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException && !ct.IsCancellationRequested)
        {
            // Too slow now may be a busy server rather than the file: not remembered as the file's fault.
            return SlideExtraction.Failed(
                $"Det tog for lang tid at læse teksten i filen (over {limits.Timeout.TotalSeconds.ToString("0", Danish.Culture)} sekunder), så den er afvist. " +
                "Del den op eller gør den mindre, og prøv igen.", cacheable: false);
        }
    }

    private static IReadOnlyList<SlideText> Read(string path, MediaKind kind, SlideBudget budget)
    {
        if (kind == MediaKind.Pdf) return PdfSlides.Extract(File.ReadAllBytes(path), budget);
        using var stream = File.OpenRead(path);
        return PptxSlides.Extract(stream, budget);
    }

    public void Dispose() => _slots.Dispose();
}
