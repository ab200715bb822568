using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using DocumentFormat.OpenXml.Validation;
using SlideDeckGenerator;
using Videnscenter.Media.Slides;
using Videnscenter.Media.Tests.Harness;

namespace Videnscenter.Media.Tests.Slides;

public sealed class PptxSlidesTests
{
    private static readonly SlideSpec[] Deck =
    [
        SlideSpec.Bullets("Velkommen til Recoveryskolen", "Vi underviser altid to.", "Alle deltager på lige fod."),
        SlideSpec.Bullets("Hvad betyder recovery?", "Recovery betyder at komme sig.", "Vejen er personlig – og sjældent lige."),
        new("Refleksion", [new SlideParagraph("Hvad giver dig håb?", Bullet: false)]),
    ];

    [Fact]
    public void A_generated_deck_gives_numbered_slides_with_titles_and_text_paragraph_by_paragraph()
    {
        var slides = PptxSlides.Extract(new MemoryStream(TestFiles.Pptx(Deck)));

        Assert.Equal([1, 2, 3], slides.Select(s => s.Number));
        Assert.Equal(["Velkommen til Recoveryskolen", "Hvad betyder recovery?", "Refleksion"], slides.Select(s => s.Title));
        Assert.Equal("Vi underviser altid to.\nAlle deltager på lige fod.", slides[0].Text);
        Assert.Equal(["Recovery betyder at komme sig.", "Vejen er personlig – og sjældent lige."], slides[1].Paragraphs);
        Assert.Equal("Hvad giver dig håb?", slides[2].Text);
    }

    [Fact]
    public void Slides_follow_the_presentations_order_not_the_part_names()
    {
        using var stream = new MemoryStream();
        stream.Write(TestFiles.Pptx(Deck));
        using (var document = PresentationDocument.Open(stream, true))
        {
            // Move the first slide last, as PowerPoint does when slides are dragged around.
            var list = document.PresentationPart!.Presentation.SlideIdList!;
            var first = list.Elements<SlideId>().First();
            first.Remove();
            list.Append(first);
        }
        stream.Position = 0;

        var slides = PptxSlides.Extract(stream);

        Assert.Equal(["Hvad betyder recovery?", "Refleksion", "Velkommen til Recoveryskolen"], slides.Select(s => s.Title));
        Assert.Equal([1, 2, 3], slides.Select(s => s.Number));
    }

    [Fact]
    public void The_generated_file_is_a_valid_presentation()
    {
        using var document = PresentationDocument.Open(new MemoryStream(TestFiles.Pptx(Deck)), false);

        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2016).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void The_generator_writes_the_same_bytes_for_the_same_deck() => Assert.Equal(TestFiles.Pptx(Deck), TestFiles.Pptx(Deck));

    [Fact]
    public void A_broken_file_gives_a_danish_error()
    {
        var error = Assert.Throws<SlideExtractionException>(() => PptxSlides.Extract(new MemoryStream(TestFiles.PlainZip())));

        Assert.StartsWith("Teksten i PowerPoint-filen kan ikke læses", error.Message);
    }

    [Fact]
    public void The_seed_decks_files_hold_the_slides_their_markdown_describes()
    {
        var folder = Path.Combine(RepoRoot(), "content-seed", "slides");
        var decks = Directory.GetFiles(folder, "*.md");
        Assert.NotEmpty(decks);
        foreach (var markdown in decks)
        {
            var pptx = Path.Combine(folder, "filer", Path.GetFileNameWithoutExtension(markdown) + ".pptx");
            Assert.True(File.Exists(pptx), $"{pptx} mangler: kør dotnet run --project tools/SlideDeckGenerator");
            var expected = SeedDecks.Parse(File.ReadAllText(markdown));
            using var stream = File.OpenRead(pptx);
            var actual = PptxSlides.Extract(stream);

            Assert.Equal(expected.Slides.Select(s => s.Title), actual.Select(s => s.Title));
            Assert.Equal(expected.Slides.Select(s => string.Join("\n", s.Paragraphs.Select(p => p.Text))), actual.Select(s => s.Text));
            // Regenerating would change nothing: the committed file is current.
            Assert.True(PptxWriter.Build(expected).AsSpan().SequenceEqual(File.ReadAllBytes(pptx)),
                $"{Path.GetFileName(pptx)} er forældet: kør dotnet run --project tools/SlideDeckGenerator");
        }
    }

    /// <summary>The repository: above the test output, or (with --artifacts-path) above this source file.</summary>
    private static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Videnscenter.sln"))) return dir.FullName;
        throw new InvalidOperationException("Fandt ikke Videnscenter.sln over " + AppContext.BaseDirectory);
    }
}
