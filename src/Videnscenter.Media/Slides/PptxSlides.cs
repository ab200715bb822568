using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using Videnscenter.Content;
using A = DocumentFormat.OpenXml.Drawing;

namespace Videnscenter.Media.Slides;

/// <summary>
/// Reads the text of a PowerPoint presentation slide by slide, in the order the presentation shows
/// them. Slides are streamed with <see cref="OpenXmlReader"/> rather than loaded as a DOM, and every
/// character is counted against the <see cref="SlideBudget"/> as it is read: a 141 KB file can
/// unpack to 19 million characters a slide, which must be refused, not held.
/// </summary>
public static class PptxSlides
{
    public const string Label = "PowerPoint-filen";

    /// <summary>With the default limits.</summary>
    public static IReadOnlyList<SlideText> Extract(Stream pptx) => Extract(pptx, new SlideBudget(new ExtractionLimits(), Label, CancellationToken.None));

    public static IReadOnlyList<SlideText> Extract(Stream pptx, SlideBudget budget)
    {
        // A slide's XML far larger than its allowed text is a decompression bomb, not a slide; the
        // XML reader stops at this many characters in any one part.
        var maxPartCharacters = Math.Max(1_000_000, budget.Limits.MaxCharactersPerSlide * 100L);
        try
        {
            using var document = PresentationDocument.Open(pptx, false, new OpenSettings { MaxCharactersInPart = maxPartCharacters });
            var presentationPart = document.PresentationPart
                ?? throw new SlideExtractionException("Teksten i PowerPoint-filen kan ikke læses: filen har ingen præsentationsdel.");
            // The slide id list is the deck's order; the part names (slide1.xml …) need not be.
            var ids = presentationPart.Presentation?.SlideIdList?.Elements<SlideId>().ToList() ?? [];
            budget.CheckSlideCount(ids.Count);
            foreach (var id in ids)
            {
                if (id.RelationshipId?.Value is not { } rel || presentationPart.GetPartById(rel) is not SlidePart part) continue;
                Read(part, budget);
            }
            return budget.Slides;
        }
        catch (System.Xml.XmlException e) when (e.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal))
        {
            throw budget.Refuse($"slide {budget.SlideNumber} fylder over {maxPartCharacters.ToString("N0", Danish.Culture)} tegn XML, hvilket ingen almindelig slide gør");
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or FileFormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new SlideExtractionException("Teksten i PowerPoint-filen kan ikke læses: filen er beskadiget eller ikke en almindelig .pptx.", e);
        }
    }

    /// <summary>
    /// One slide: paragraphs of title placeholders make the title, every other paragraph (text boxes,
    /// bullets, tables, grouped shapes) the text, in document order.
    /// </summary>
    private static void Read(SlidePart part, SlideBudget budget)
    {
        using var reader = OpenXmlReader.Create(part);
        var inTitleShape = false;
        while (reader.Read())
        {
            var type = reader.ElementType;
            if (reader.IsStartElement)
            {
                if (type == typeof(Shape)) inTitleShape = false;
                else if (type == typeof(PlaceholderShape)) inTitleShape |= IsTitle(reader);
                else if (type == typeof(A.Paragraph)) budget.BeginParagraph(inTitleShape);
                else if (type == typeof(A.Text)) budget.Append(reader.GetText());
                else if (type == typeof(A.Break)) budget.Append(' ');
            }
            else if (reader.IsEndElement)
            {
                if (type == typeof(A.Paragraph)) budget.EndParagraph();
                else if (type == typeof(Shape)) inTitleShape = false;
            }
        }
        budget.EndSlide();
    }

    private static bool IsTitle(OpenXmlReader reader)
    {
        foreach (var attribute in reader.Attributes)
            if (attribute.LocalName == "type")
                return attribute.Value is "title" or "ctrTitle";
        return false;
    }
}
