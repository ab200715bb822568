using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Tokens;

namespace Videnscenter.Web.Tests.Recoveryskolen;

/// <summary>
/// Reads a PDF back with PdfPig, independently of PDFsharp that wrote it: its text, its catalogue
/// entries (language, title display, outlines) and its structure tree as a screen reader walks it,
/// each structure element with the text of the marked content it owns.
/// </summary>
internal sealed class TaggedPdf : IDisposable
{
    private readonly PdfDocument _document;
    private readonly Dictionary<(int Page, int Mcid), string> _markedText = [];
    private readonly Dictionary<IndirectReference, int> _pageNumbers = [];

    public TaggedPdf(byte[] pdf)
    {
        _document = PdfDocument.Open(pdf);
        foreach (var page in _document.GetPages())
            foreach (var marked in Flatten(page.GetMarkedContents()))
                if (marked.MarkedContentIdentifier is { } mcid and >= 0)
                    _markedText[(page.Number, mcid)] = Words(marked.Letters);
        var number = 0;
        CollectPages(Catalog.Data[NameToken.Pages], ref number);
    }

    public record Element(string Tag, string Text);

    /// <summary>The letters as text, with a space where a wrapped line continues on the next baseline.</summary>
    private static string Words(IReadOnlyList<UglyToad.PdfPig.Content.Letter> letters)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < letters.Count; i++)
        {
            if (i > 0 && Math.Abs(letters[i].StartBaseLine.Y - letters[i - 1].StartBaseLine.Y) > 1) text.Append(' ');
            text.Append(letters[i].Value);
        }
        return text.ToString();
    }

    private DictionaryToken Catalog => _document.Structure.Catalog.CatalogDictionary;

    public string Text => string.Join("\n", _document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)));

    public string? Language => (Resolve(Catalog.Data.GetValueOrDefault("Lang")) as StringToken)?.Data;

    public bool DisplaysTitle => Resolve(Catalog.Data.GetValueOrDefault("ViewerPreferences")) is DictionaryToken prefs
                                 && Resolve(prefs.Data.GetValueOrDefault("DisplayDocTitle")) is BooleanToken { Data: true };

    public string? Title => _document.Information.Title;

    public IReadOnlyList<string> Bookmarks => _document.TryGetBookmarks(out var bookmarks)
        ? bookmarks.GetNodes().Select(n => n.Title).ToList() : [];

    /// <summary>Every structure element in reading order (depth first), with its own marked text.</summary>
    public IReadOnlyList<Element> Structure()
    {
        var result = new List<Element>();
        if (Resolve(Catalog.Data.GetValueOrDefault("StructTreeRoot")) is DictionaryToken root)
            Walk(root.Data.GetValueOrDefault("K"), null, result);
        return result;
    }

    private void Walk(IToken? kids, int? page, List<Element> into)
    {
        switch (Resolve(kids))
        {
            case ArrayToken array:
                foreach (var kid in array.Data) Walk(kid, page, into);
                break;
            case DictionaryToken element when element.Data.ContainsKey("S"):
                var ownPage = element.Data.GetValueOrDefault("Pg") is IndirectReferenceToken pg && _pageNumbers.TryGetValue(pg.Data, out var n) ? n : page;
                var text = string.Concat(Mcids(element.Data.GetValueOrDefault("K"), ownPage).Select(m => _markedText.GetValueOrDefault(m, "")));
                into.Add(new Element(((NameToken)Resolve(element.Data["S"])!).Data, text));
                Walk(element.Data.GetValueOrDefault("K"), ownPage, into);
                break;
        }
    }

    /// <summary>The (page, MCID) pairs an element owns directly: numbers, or marked-content references.</summary>
    private IEnumerable<(int, int)> Mcids(IToken? kids, int? page)
    {
        switch (Resolve(kids))
        {
            case NumericToken mcid when page is { } p:
                yield return (p, mcid.Int);
                break;
            case ArrayToken array:
                foreach (var kid in array.Data)
                    foreach (var m in Mcids(kid, page)) yield return m;
                break;
            case DictionaryToken mcr when mcr.Data.ContainsKey("MCID"):
                var mcrPage = mcr.Data.GetValueOrDefault("Pg") is IndirectReferenceToken pg && _pageNumbers.TryGetValue(pg.Data, out var n) ? n : page;
                if (mcrPage is { } q) yield return (q, ((NumericToken)Resolve(mcr.Data["MCID"])!).Int);
                break;
        }
    }

    private void CollectPages(IToken node, ref int number)
    {
        var reference = node as IndirectReferenceToken;
        if (Resolve(node) is not DictionaryToken dict) return;
        if (dict.Data.TryGetValue("Kids", out var kids) && Resolve(kids) is ArrayToken array)
            foreach (var kid in array.Data) CollectPages(kid, ref number);
        else if (reference is not null)
            _pageNumbers[reference.Data] = ++number;
    }

    private IToken? Resolve(IToken? token)
    {
        for (var i = 0; token is IndirectReferenceToken r && i < 16; i++) token = _document.Structure.GetObject(r.Data).Data;
        return token;
    }

    private static IEnumerable<UglyToad.PdfPig.Content.MarkedContentElement> Flatten(IEnumerable<UglyToad.PdfPig.Content.MarkedContentElement> elements) =>
        elements.SelectMany(e => new[] { e }.Concat(Flatten(e.Children)));

    public void Dispose() => _document.Dispose();
}
