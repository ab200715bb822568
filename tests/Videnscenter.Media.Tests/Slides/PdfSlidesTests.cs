using Videnscenter.Media.Library;
using Videnscenter.Media.Slides;
using Videnscenter.Media.Tests.Harness;

namespace Videnscenter.Media.Tests.Slides;

/// <summary>PDF text through PdfPig, in process.</summary>
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
        Assert.Equal("Vi underviser altid to: en fagprofessionel og en peer.", extraction.Slides[0].Text);
        Assert.Equal(["Pårørende kender borgeren bedst.", "Inddrag dem tidligt."], extraction.Slides[1].Paragraphs);
        Assert.Equal("", extraction.Slides[2].Text);
    }

    [Fact]
    public async Task A_broken_pdf_is_refused_at_upload_with_a_danish_message_and_nothing_is_stored()
    {
        await using var host = await MediaHost.StartAsync();
        var pdf = TestFiles.Pdf(("Velkommen", ["Hej"]));
        // Keep the header and the end marker, so the content check passes, and break everything between.
        var broken = pdf[..20].Concat(new byte[pdf.Length - 40]).Concat(pdf[^20..]).ToArray();

        var result = await host.UploadAsync("oplæg.pdf", broken);

        Assert.False(result.Succeeded);
        Assert.Equal("«oplæg.pdf»: Teksten i PDF-filen kan ikke læses: filen er beskadiget eller ikke en almindelig PDF.", Assert.Single(result.Errors).Message);
        Assert.Empty(host.FilesOnDisk());
        Assert.Empty(await host.Library.ListAsync());
    }
}
