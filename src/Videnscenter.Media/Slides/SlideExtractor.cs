using Videnscenter.Media.Library;

namespace Videnscenter.Media.Slides;

/// <summary>Reads the slides of a stored .pptx or .pdf; other kinds have none.</summary>
public sealed class SlideExtractor(MediaOptions options)
{
    public async Task<SlideExtraction> ExtractAsync(string path, MediaKind kind, CancellationToken ct)
    {
        try
        {
            switch (kind)
            {
                case MediaKind.Pptx:
                    await using (var stream = File.OpenRead(path))
                        return new SlideExtraction(PptxSlides.Extract(stream), null);
                case MediaKind.Pdf:
                    return new SlideExtraction(await PdfSlides.ExtractAsync(path, options, ct), null);
                default:
                    return new SlideExtraction([], null);
            }
        }
        catch (SlideExtractionException e)
        {
            return SlideExtraction.Failed(e.Message, cacheable: !e.ServerProblem);
        }
    }
}
