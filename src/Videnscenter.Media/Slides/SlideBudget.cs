using System.Text;
using Videnscenter.Content;

namespace Videnscenter.Media.Slides;

/// <summary>
/// What reading one file may produce: slides, characters per slide and per deck, title length, all
/// from <see cref="ExtractionLimits"/>. The readers count as they go and stop at the first limit with
/// a Danish message naming it, so a hostile file never gets far past the limit in memory either.
/// Also carries the reading's cancellation (its time budget), checked as the counts grow.
/// </summary>
public sealed class SlideBudget(ExtractionLimits limits, string fileLabel, CancellationToken ct)
{
    private readonly List<SlideText> _slides = [];
    private readonly StringBuilder _title = new();
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _paragraph = new();
    private bool _paragraphIsTitle;
    private int _deckCharacters;
    private int _slideCharacters;
    private int _checks;

    public ExtractionLimits Limits => limits;
    public CancellationToken Cancellation => ct;
    public IReadOnlyList<SlideText> Slides => _slides;
    public int SlideNumber => _slides.Count + 1;

    /// <summary>Refuses a file announcing more slides than allowed, before any is read.</summary>
    public void CheckSlideCount(int count)
    {
        if (count > limits.MaxSlides)
            throw Refuse($"den har {N(count)} {(fileLabel == "PDF-filen" ? "sider" : "slides")}, og højst {N(limits.MaxSlides)} er tilladt");
    }

    public void BeginParagraph(bool title)
    {
        _paragraph.Clear();
        _paragraphIsTitle = title;
    }

    /// <summary>Text of the current paragraph, counted against the limits before it is kept.</summary>
    public void Append(ReadOnlySpan<char> text)
    {
        _slideCharacters += text.Length;
        _deckCharacters += text.Length;
        if (_slideCharacters > limits.MaxCharactersPerSlide) throw TooManyCharactersOnSlide();
        if (_deckCharacters > limits.MaxCharactersPerDeck)
            throw Refuse($"filen har over {N(limits.MaxCharactersPerDeck)} tegn tekst i alt, og højst {N(limits.MaxCharactersPerDeck)} tegn pr. fil er tilladt");
        _paragraph.Append(text);
        if (++_checks % 64 == 0) ct.ThrowIfCancellationRequested();
    }

    public void Append(char c) => Append([c]);

    /// <summary>A PDF page drew its n-th form object: forms nest, and each may draw the next many times.</summary>
    public void FormObjectDrawn(int count)
    {
        if (count > limits.MaxFormObjectsPerPage)
            throw Refuse($"{Where} tegner over {N(limits.MaxFormObjectsPerPage)} formularobjekter (indlejrede XObjects), og højst {N(limits.MaxFormObjectsPerPage)} pr. side er tilladt");
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>A PDF page drew its n-th glyph: refused past the per-page limit before the glyphs pile up.</summary>
    public void GlyphDrawn(int count)
    {
        if (count > limits.MaxCharactersPerSlide) throw TooManyCharactersOnSlide();
        if (count % 256 == 0) ct.ThrowIfCancellationRequested();
    }

    private SlideExtractionException TooManyCharactersOnSlide() =>
        Refuse($"{Where} har over {N(limits.MaxCharactersPerSlide)} tegn tekst, og højst {N(limits.MaxCharactersPerSlide)} tegn pr. {Unit} er tilladt");

    /// <summary>Ends the paragraph: its words, one space apart, go to the title or the text.</summary>
    public void EndParagraph()
    {
        var words = _paragraph.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        _paragraph.Clear();
        if (words.Length == 0) return;
        var target = _paragraphIsTitle ? _title : _text;
        if (target.Length > 0) target.Append(_paragraphIsTitle ? ' ' : '\n');
        target.AppendJoin(' ', words);
    }

    public void EndSlide()
    {
        EndParagraph();
        if (_title.Length > limits.MaxTitleLength)
            throw Refuse($"titlen på {Where} er {N(_title.Length)} tegn lang, og en titel må højst være {N(limits.MaxTitleLength)} tegn");
        _slides.Add(new SlideText(_slides.Count + 1, _title.ToString(), _text.ToString()));
        _title.Clear();
        _text.Clear();
        _slideCharacters = 0;
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>A refusal naming the file kind and the limit: "Teksten i PDF-filen kan ikke bruges: …".</summary>
    public SlideExtractionException Refuse(string reason) =>
        new($"Teksten i {fileLabel} kan ikke bruges: {reason}. Filen er afvist; del den op eller gør den mindre, og prøv igen.");

    private string Unit => fileLabel == "PDF-filen" ? "side" : "slide";
    private string Where => $"{Unit} {SlideNumber}";

    private static string N(int value) => value.ToString("N0", Danish.Culture);
}
