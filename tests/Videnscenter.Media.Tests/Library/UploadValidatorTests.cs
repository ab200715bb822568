using SlideDeckGenerator;
using Videnscenter.Media.Library;
using Videnscenter.Media.Tests.Harness;

namespace Videnscenter.Media.Tests.Library;

/// <summary>Uploads are judged by their content and size; the name only says what the uploader meant.</summary>
public sealed class UploadValidatorTests
{
    private static readonly MediaOptions Options = new() { RootPath = "/ikke-brugt" };

    private static UploadCheck Check(string name, byte[] content, MediaOptions? options = null) =>
        UploadValidator.Check(name, content, options ?? Options);

    public static TheoryData<string, byte[], MediaKind> RealFiles => new()
    {
        { "plakat.png", TestFiles.Png(40, 30), MediaKind.Png },
        { "Foto fra caféen.JPG", TestFiles.Jpeg(40, 30), MediaKind.Jpeg },
        { "foto.jpeg", TestFiles.JpegWithGps(40, 30), MediaKind.Jpeg },
        { "prik.gif", TestFiles.Gif(), MediaKind.Gif },
        { "billede.webp", TestFiles.WebP(40, 30), MediaKind.WebP },
        { "animation.gif", TestFiles.AnimatedGif(5), MediaKind.Gif },
        { "program.pdf", TestFiles.Pdf(("Program", ["Kl. 10: Velkommen"])), MediaKind.Pdf },
        { "oplæg.pptx", TestFiles.Pptx(SlideSpec.Bullets("Velkommen", "Hej")), MediaKind.Pptx },
        { "referat.docx", TestFiles.Docx("Referat af mødet"), MediaKind.Docx },
    };

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void Real_files_of_every_allowed_kind_are_accepted_as_that_kind(string name, byte[] content, MediaKind kind)
    {
        var check = Check(name, content);

        Assert.True(check.Succeeded, check.Error);
        Assert.Equal(kind, check.Kind);
    }

    [Fact]
    public void A_png_renamed_pdf_is_refused_and_the_message_says_what_it_really_is()
    {
        var check = Check("plakat.pdf", TestFiles.Png(20, 20));

        Assert.False(check.Succeeded);
        Assert.Equal("«plakat.pdf» hedder .pdf, men indholdet er et PNG-billede. Giv filen den rigtige endelse (.png), og prøv igen.", check.Error);
    }

    [Fact]
    public void An_exe_renamed_png_is_refused_by_its_content()
    {
        var check = Check("kattebillede.png", TestFiles.Exe());

        Assert.False(check.Succeeded);
        Assert.StartsWith("«kattebillede.png» er ikke et PNG-billede, selv om navnet slutter på .png.", check.Error);
    }

    [Fact]
    public void A_program_is_refused_by_its_name_before_its_content_is_looked_at()
    {
        var check = Check("plakat.exe", TestFiles.Exe());

        Assert.StartsWith("«plakat.exe» er ikke en tilladt filtype.", check.Error);
        Assert.Contains("PNG, JPEG, GIF, WebP", check.Error);
    }

    public static TheoryData<string, byte[]> TruncatedFiles => new()
    {
        { "plakat.png", TestFiles.Truncated(TestFiles.Png(200, 100)) },
        { "program.pdf", TestFiles.Truncated(TestFiles.Pdf(("Program", ["Kl. 10: Velkommen"]))) },
        { "foto.jpg", TestFiles.JpegShell()[..^2] },
        { "prik.gif", TestFiles.Gif()[..^1] },
        { "billede.webp", TestFiles.WebPShell()[..^3] },
    };

    [Theory]
    [MemberData(nameof(TruncatedFiles))]
    public void A_truncated_file_is_refused_as_incomplete(string name, byte[] content)
    {
        var check = Check(name, content);

        Assert.False(check.Succeeded);
        Assert.Equal($"«{name}» er ufuldstændig eller beskadiget: filen slutter for tidligt. Gem eller eksportér filen igen, og prøv igen.", check.Error);
    }

    [Fact]
    public void A_truncated_presentation_is_refused_because_the_zip_cannot_be_opened()
    {
        var check = Check("oplæg.pptx", TestFiles.Truncated(TestFiles.Pptx(SlideSpec.Bullets("Velkommen", "Hej"))));

        Assert.Equal("«oplæg.pptx» er ufuldstændig eller beskadiget: ZIP-pakken kan ikke åbnes. Gem eller eksportér filen igen, og prøv igen.", check.Error);
    }

    [Fact]
    public void An_oversized_file_is_refused_naming_the_file_its_size_and_the_limit()
    {
        var small = new MediaOptions { RootPath = "/ikke-brugt", MaxBytes = 2 * MediaOptions.MegaByte, MaxImageBytes = MediaOptions.MegaByte };
        var content = TestFiles.Pdf(("Stor", ["x"])).Concat(new byte[3 * MediaOptions.MegaByte]).ToArray();

        Assert.StartsWith("«stor.pdf» fylder 3 MB. Filer må højst fylde 2 MB.", Check("stor.pdf", content, small).Error);
        // Checked from the declared size alone, before anything is read.
        Assert.Equal("«foto.png» fylder 1,5 MB. Billeder må højst fylde 1 MB.",
            UploadValidator.CheckNameAndSize("foto.png", 3 * MediaOptions.MegaByte / 2, small));
    }

    [Fact]
    public void The_default_limits_are_20_mb_for_files_and_10_mb_for_images()
    {
        Assert.Null(UploadValidator.CheckNameAndSize("oplæg.pptx", 20 * MediaOptions.MegaByte, Options));
        Assert.NotNull(UploadValidator.CheckNameAndSize("oplæg.pptx", 20 * MediaOptions.MegaByte + 1, Options));
        Assert.NotNull(UploadValidator.CheckNameAndSize("foto.jpg", 10 * MediaOptions.MegaByte + 1, Options));
    }

    [Fact]
    public void A_zip_that_is_not_a_presentation_is_refused()
    {
        var check = Check("oplæg.pptx", TestFiles.PlainZip());

        Assert.Equal("«oplæg.pptx» er en ZIP-fil, men ikke en PowerPoint-præsentation (.pptx) eller et Word-dokument (.docx). Gem filen fra PowerPoint eller Word, og prøv igen.", check.Error);
    }

    [Fact]
    public void A_word_document_named_pptx_is_refused()
    {
        var check = Check("oplæg.pptx", TestFiles.Docx("Ikke slides"));

        Assert.StartsWith("«oplæg.pptx» hedder .pptx, men indholdet er et Word-dokument.", check.Error);
    }

    [Fact]
    public void Empty_files_and_missing_names_get_their_own_message()
    {
        Assert.Equal("«tom.pdf» er tom (0 byte). Vælg en anden fil.", Check("tom.pdf", []).Error);
        Assert.Equal("Vælg en fil at uploade.", Check("", [1, 2, 3]).Error);
    }

    [Fact]
    public void Folders_a_browser_sends_along_are_not_part_of_the_name_in_messages()
    {
        var check = Check(@"C:\Users\mette\Skrivebord\plakat.exe", TestFiles.Exe());

        Assert.StartsWith("«plakat.exe» er ikke en tilladt filtype.", check.Error);
    }
}
