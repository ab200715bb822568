using Videnscenter.Media.Library;

namespace Videnscenter.Media.Tests.Library;

public sealed class MediaNamesTests
{
    [Theory]
    [InlineData("Årsmøde på Ærø (endelig).PDF", MediaKind.Pdf, "aarsmoede-paa-aeroe-endelig.pdf")]
    [InlineData("Plakat – Sindets Dag 2026.png", MediaKind.Png, "plakat-sindets-dag-2026.png")]
    [InlineData("Foto.JPEG", MediaKind.Jpeg, "foto.jpg")]
    [InlineData("Café Überblick.webp", MediaKind.WebP, "cafe-uberblick.webp")]
    [InlineData("../../etc/passwd.png", MediaKind.Png, "passwd.png")]
    [InlineData(@"C:\Users\mette\Skrivebord\oplæg.pptx", MediaKind.Pptx, "oplaeg.pptx")]
    [InlineData(".skjult.pdf", MediaKind.Pdf, "skjult.pdf")]
    [InlineData("§§§.docx", MediaKind.Docx, "fil.docx")]
    [InlineData("plakat.png.exe.png", MediaKind.Png, "plakat-png-exe.png")]
    public void Names_are_transliterated_stripped_of_folders_and_given_the_real_kind_extension(string original, MediaKind kind, string expected)
    {
        var name = MediaNames.Sanitise(original, kind);

        Assert.Equal(expected, name);
        Assert.True(MediaNames.IsValid(name));
    }

    [Fact]
    public void A_very_long_name_is_shortened()
    {
        var name = MediaNames.Sanitise(new string('a', 300) + ".pdf", MediaKind.Pdf);

        Assert.True(name.Length <= 64);
        Assert.EndsWith(".pdf", name);
    }

    [Fact]
    public void Taken_names_get_the_next_free_number()
    {
        var taken = new HashSet<string> { "plakat.png", "plakat-2.png" };

        Assert.Equal("plakat-3.png", MediaNames.Unique("plakat.png", taken.Contains));
        Assert.Equal("program.pdf", MediaNames.Unique("program.pdf", taken.Contains));
    }

    [Theory]
    [InlineData("plakat.png", "plakat.png")]
    [InlineData("/medier/plakat.png?w=320", "plakat.png")]
    [InlineData("filer/introduktion-til-recovery.pptx", "introduktion-til-recovery.pptx")]
    [InlineData("../videnscenter.db", null)]
    [InlineData("Plakat.PNG", null)]
    [InlineData("", null)]
    public void A_field_value_is_read_as_a_library_name_only_when_it_could_be_one(string value, string? expected) =>
        Assert.Equal(expected, MediaNames.FromReference(value));

    [Fact]
    public void Links_to_the_library_are_found_in_markdown()
    {
        var markdown = "Se ![Plakaten](/medier/plakat.png) og [programmet](/medier/program-2.pdf). Ikke [dette](/medier/../hemmelig.db).";

        Assert.Equal(["plakat.png", "program-2.pdf"], MediaNames.LinkedFrom(markdown));
    }
}
