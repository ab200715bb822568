using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Geometry;
using UglyToad.PdfPig.Graphics;
using UglyToad.PdfPig.Graphics.Core;
using UglyToad.PdfPig.Graphics.Operations;
using UglyToad.PdfPig.Outline.Destinations;
using UglyToad.PdfPig.Parser;
using UglyToad.PdfPig.PdfFonts;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;

namespace Videnscenter.Media.Slides;

/// <summary>
/// Reads a PDF's text page by page with PdfPig (Apache-2.0), in process. Each page's first line is
/// its title, the rest its text.
/// </summary>
/// <remarks>
/// PdfPig's own page model keeps every glyph, path and image of a page, and follows nested form
/// objects without a bound on how often: a 3 KB PDF whose forms each draw the next eight times
/// grows to millions of letters. So pages are read through our own page factory
/// (<see cref="BudgetedTextProcessor"/>), which keeps only text, counts it against the
/// <see cref="SlideBudget"/> as it is drawn, limits form objects per page, and stops when the time
/// budget's token is cancelled.
/// </remarks>
public static class PdfSlides
{
    public const string Label = "PDF-filen";

    public static IReadOnlyList<SlideText> Extract(byte[] pdf, SlideBudget budget)
    {
        try
        {
            using var document = PdfDocument.Open(pdf, new ParsingOptions
            {
                UseLenientParsing = true,
                SkipMissingFonts = true,
                // Nesting deeper than this is no real document's.
                MaxStackDepth = 32,
            });
            budget.CheckSlideCount(document.NumberOfPages);
            document.AddPageFactory<PageLines, BudgetedPageFactory>();
            BudgetedTextProcessor.Current = budget;
            try
            {
                for (var number = 1; number <= document.NumberOfPages; number++)
                {
                    var page = document.GetPage<PageLines>(number);
                    var first = true;
                    foreach (var line in page.Lines)
                    {
                        budget.BeginParagraph(title: first);
                        budget.Append(line);
                        budget.EndParagraph();
                        first = false;
                    }
                    budget.EndSlide();
                }
            }
            finally
            {
                BudgetedTextProcessor.Current = null;
            }
            return budget.Slides;
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new SlideExtractionException("Teksten i PDF-filen kan ikke læses: filen er beskyttet med adgangskode. Gem den uden adgangskode, og prøv igen.", e);
        }
        catch (Exception e) when (e is not (SlideExtractionException or OperationCanceledException or OutOfMemoryException))
        {
            // PdfPig throws many kinds (format, token, font, index, cast) on broken input; all mean the same to an editor.
            throw new SlideExtractionException("Teksten i PDF-filen kan ikke læses: filen er beskadiget eller ikke en almindelig PDF.", e);
        }
    }
}

/// <summary>A PDF page as lines of text, top to bottom.</summary>
public sealed record PageLines(IReadOnlyList<string> Lines);

/// <summary>Makes <see cref="PageLines"/> through <see cref="BudgetedTextProcessor"/>; PdfPig creates it by its constructor.</summary>
public sealed class BudgetedPageFactory(
    IPdfTokenScanner pdfScanner, IResourceStore resourceStore, ILookupFilterProvider filterProvider,
    IPageContentParser pageContentParser, ParsingOptions parsingOptions)
    : BasePageFactory<PageLines>(pdfScanner, resourceStore, filterProvider, pageContentParser, parsingOptions)
{
    protected override PageLines ProcessPage(int pageNumber, DictionaryToken dictionary, NamedDestinations namedDestinations,
        MediaBox mediaBox, CropBox cropBox, UserSpaceUnit userSpaceUnit, PageRotationDegrees rotation,
        TransformationMatrix initialMatrix, IReadOnlyList<IGraphicsStateOperation> operations)
    {
        var budget = BudgetedTextProcessor.Current ?? throw new InvalidOperationException("No slide budget for this thread.");
        var processor = new BudgetedTextProcessor(pageNumber, ResourceStore, PdfScanner, PageContentParser, FilterProvider,
            cropBox, userSpaceUnit, rotation, initialMatrix, ParsingOptions, budget);
        return processor.Process(pageNumber, operations);
    }
}

/// <summary>
/// Runs a page's content stream keeping only the text: each glyph's character and baseline, counted
/// against the budget as it is drawn; paths, images and shading are ignored.
/// </summary>
public sealed class BudgetedTextProcessor : BaseStreamProcessor<PageLines>
{
    /// <summary>
    /// The budget of the reading on this thread. PdfPig makes page factories itself from a fixed
    /// constructor, so the budget cannot be handed in; a reading runs on one thread from start to end.
    /// </summary>
    [ThreadStatic] internal static SlideBudget? Current;

    private readonly SlideBudget _budget;
    private readonly List<Glyph> _glyphs = [];
    private int _forms;

    private readonly record struct Glyph(string Text, double X0, double X1, double Y, double Size);

    public BudgetedTextProcessor(int pageNumber, IResourceStore resourceStore, IPdfTokenScanner pdfScanner,
        IPageContentParser pageContentParser, ILookupFilterProvider filterProvider, CropBox cropBox,
        UserSpaceUnit userSpaceUnit, PageRotationDegrees rotation, TransformationMatrix initialMatrix,
        ParsingOptions parsingOptions, SlideBudget budget)
        : base(pageNumber, resourceStore, pdfScanner, pageContentParser, filterProvider, cropBox, userSpaceUnit, rotation, in initialMatrix, parsingOptions)
    {
        _budget = budget;
    }

    public override PageLines Process(int pageNumberCurrent, IReadOnlyList<IGraphicsStateOperation> operations)
    {
        ProcessOperations(operations);
        return new PageLines(Lines());
    }

    protected override void ProcessFormXObject(StreamToken formStream, NameToken xObjectName)
    {
        _budget.FormObjectDrawn(++_forms);
        base.ProcessFormXObject(formStream, xObjectName);
    }

    public override void RenderGlyph(IFont font, CurrentGraphicsState currentState, double fontSize, double pointSize, int code,
        string unicode, long currentOffset, in TransformationMatrix renderingMatrix, in TransformationMatrix textMatrix,
        in TransformationMatrix transformationMatrix, CharacterBoundingBox characterBoundingBox)
    {
        if (string.IsNullOrEmpty(unicode)) return;
        // Counted per glyph as drawn, so a page cannot pile up text past the limit before it is refused.
        _budget.GlyphDrawn(_glyphs.Count + 1);
        var start = Transform(new PdfPoint(0, 0), renderingMatrix, textMatrix, transformationMatrix);
        var end = Transform(new PdfPoint(characterBoundingBox.Width, 0), renderingMatrix, textMatrix, transformationMatrix);
        _glyphs.Add(new Glyph(unicode, Math.Min(start.X, end.X), Math.Max(start.X, end.X), start.Y, Math.Max(1, pointSize)));
    }

    private static PdfPoint Transform(PdfPoint point, in TransformationMatrix rendering, in TransformationMatrix text, in TransformationMatrix transformation) =>
        transformation.Transform(text.Transform(rendering.Transform(point)));

    /// <summary>
    /// Glyphs into lines: a glyph on another baseline starts a new line, a gap wider than a fifth of
    /// the font size is a space (PDFs often draw no space glyphs). Lines are then ordered top to
    /// bottom, as a reader scans a slide.
    /// </summary>
    private List<string> Lines()
    {
        var lines = new List<(double Y, System.Text.StringBuilder Text)>();
        (double Y, System.Text.StringBuilder Text)? current = null;
        var lastX1 = double.NegativeInfinity;
        foreach (var g in _glyphs)
        {
            if (current is not { } line || Math.Abs(g.Y - line.Y) > g.Size * 0.5 || g.X0 < lastX1 - g.Size)
            {
                current = line = (g.Y, new System.Text.StringBuilder());
                lines.Add(line);
            }
            else if (g.X0 - lastX1 > g.Size * 0.2 && line.Text.Length > 0 && line.Text[^1] != ' ')
            {
                line.Text.Append(' ');
            }
            line.Text.Append(g.Text);
            lastX1 = g.X1;
        }
        // Lines on the same baseline (two text blocks side by side) are joined, left before right.
        return lines
            .GroupBy(l => Math.Round(l.Y))
            .OrderByDescending(group => group.Key)
            .Select(group => string.Join(' ', group.Select(l => l.Text.ToString().Trim())))
            .Where(text => text.Length > 0)
            .ToList();
    }

    // Text is all we keep: the drawing operations have nothing to do.
    protected override void RenderXObjectImage(XObjectContentRecord xObjectContentRecord) { }
    public override void BeginSubpath() { }
    public override PdfPoint? CloseSubpath() => null;
    public override void StrokePath(bool close) { }
    public override void FillPath(FillingRule fillingRule, bool close) { }
    public override void FillStrokePath(FillingRule fillingRule, bool close) { }
    public override void MoveTo(double x, double y) { }
    public override void BezierCurveTo(double x2, double y2, double x3, double y3) { }
    public override void BezierCurveTo(double x1, double y1, double x2, double y2, double x3, double y3) { }
    public override void LineTo(double x, double y) { }
    public override void Rectangle(double x, double y, double width, double height) { }
    public override void EndPath() { }
    public override void ClosePath() { }
    public override void ModifyClippingIntersect(FillingRule clippingRule) { }
    protected override void ClipToRectangle(PdfRectangle rectangle, FillingRule clippingRule) { }
    protected override void RenderInlineImage(InlineImage inlineImage) { }
    public override void BeginMarkedContent(NameToken name, NameToken? propertyDictionaryName, DictionaryToken? properties) { }
    public override void EndMarkedContent() { }
    public override void PaintShading(NameToken shadingName) { }
}
