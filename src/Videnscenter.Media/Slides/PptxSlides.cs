using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using A = DocumentFormat.OpenXml.Drawing;

namespace Videnscenter.Media.Slides;

/// <summary>Reads the text of a PowerPoint presentation slide by slide, in the order the presentation shows them.</summary>
public static class PptxSlides
{
    // A slide's XML is small; a part far larger than this is a decompression bomb, not a slide.
    private const long MaxCharactersInPart = 20_000_000;

    public static IReadOnlyList<SlideText> Extract(Stream pptx)
    {
        try
        {
            using var document = PresentationDocument.Open(pptx, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            var presentationPart = document.PresentationPart
                ?? throw new SlideExtractionException("Teksten i PowerPoint-filen kan ikke læses: filen har ingen præsentationsdel.");
            // The slide id list is the deck's order; the part names (slide1.xml …) need not be.
            var ids = presentationPart.Presentation?.SlideIdList?.Elements<SlideId>() ?? [];
            var slides = new List<SlideText>();
            foreach (var id in ids)
            {
                if (id.RelationshipId?.Value is not { } rel || presentationPart.GetPartById(rel) is not SlidePart part) continue;
                slides.Add(Read(slides.Count + 1, part));
            }
            return slides;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or FileFormatException or InvalidOperationException)
        {
            throw new SlideExtractionException("Teksten i PowerPoint-filen kan ikke læses: filen er beskadiget eller ikke en almindelig .pptx.", e);
        }
    }

    private static SlideText Read(int number, SlidePart part)
    {
        var tree = part.Slide?.CommonSlideData?.ShapeTree;
        if (tree is null) return new SlideText(number, "", "");

        var titleShapes = tree.Descendants<Shape>().Where(IsTitle).ToList();
        var title = string.Join(" ", titleShapes.SelectMany(s => s.Descendants<A.Paragraph>()).Select(ParagraphText)
            .Where(t => t.Length > 0));
        // Every other paragraph in document order: text boxes, bullets, tables and grouped shapes alike.
        var body = tree.Descendants<A.Paragraph>()
            .Where(p => !titleShapes.Any(t => p.Ancestors<Shape>().Contains(t)))
            .Select(ParagraphText)
            .Where(t => t.Length > 0);
        return new SlideText(number, title, string.Join("\n", body));
    }

    private static bool IsTitle(Shape shape)
    {
        var placeholder = shape.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape;
        if (placeholder?.Type?.Value is not { } type) return false;
        return type == PlaceholderValues.Title || type == PlaceholderValues.CenteredTitle;
    }

    /// <summary>The runs of a paragraph joined; a line break inside it becomes a space.</summary>
    private static string ParagraphText(A.Paragraph paragraph)
    {
        var sb = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            if (element is A.Text t) sb.Append(t.Text);
            else if (element is A.Break) sb.Append(' ');
        }
        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
