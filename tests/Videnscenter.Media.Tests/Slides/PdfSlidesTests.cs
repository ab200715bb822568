using Videnscenter.Media.Library;
using Videnscenter.Media.Slides;
using Videnscenter.Media.Tests.Harness;

namespace Videnscenter.Media.Tests.Slides;

/// <summary>PDF text through poppler's pdftotext (test.sh installs poppler-utils).</summary>
public sealed class PdfSlidesTests
{
    [Fact]
    public async Task Each_page_of_a_pdf_is_a_slide_whose_first_line_is_its_title()
    {
        await using var host = await MediaHost.StartAsync();
        var path = Path.Combine(host.Folder, "oplæg.pdf");
        await File.WriteAllBytesAsync(path, TestFiles.Pdf(
            ("Velkommen", ["Vi underviser altid to: en fagprofessionel og en peer."]),
            ("Pårørende som ressource", ["Pårørende kender borgeren bedst.", "Inddrag dem tidligt."]),
            ("Spørgsmål?", [])));

        var extraction = await host.Get<SlideExtractor>().ExtractAsync(path, MediaKind.Pdf, CancellationToken.None);

        Assert.Null(extraction.Error);
        Assert.Equal([1, 2, 3], extraction.Slides.Select(s => s.Number));
        Assert.Equal(["Velkommen", "Pårørende som ressource", "Spørgsmål?"], extraction.Slides.Select(s => s.Title));
        Assert.Equal(["Pårørende kender borgeren bedst.", "Inddrag dem tidligt."], extraction.Slides[1].Paragraphs);
        Assert.Equal("", extraction.Slides[2].Text);
    }

    [Fact]
    public async Task Without_pdftotext_the_error_says_so_in_danish_and_is_not_cached()
    {
        await using var host = await MediaHost.StartAsync(o => new MediaOptions { RootPath = o.RootPath, PdfToTextPath = "/findes/ikke/pdftotext" });
        var file = (await host.UploadAsync("oplæg.pdf", TestFiles.Pdf(("Velkommen", ["Hej"])))).File!;

        var extraction = await host.Library.SlidesAsync(file);

        Assert.Empty(extraction.Slides);
        Assert.StartsWith("Teksten i PDF-filen kan ikke læses, fordi programmet pdftotext ikke er installeret på serveren.", extraction.Error);
        Assert.False(extraction.Cacheable);
    }

    [Fact]
    public void Pdftotext_output_is_split_at_form_feeds_and_layout_spaces_are_collapsed()
    {
        var slides = PdfSlides.Split("  Titel   én\n\n   Tekst     med  mellemrum\n\fAnden side\n\f");

        Assert.Equal(2, slides.Count);
        Assert.Equal(new SlideText(1, "Titel én", "Tekst med mellemrum"), slides[0]);
        Assert.Equal(new SlideText(2, "Anden side", ""), slides[1]);
    }
}
