using SlideDeckGenerator;
using Videnscenter.Media.Images;
using Videnscenter.Media.Library;
using Videnscenter.Media.Tests.Harness;

namespace Videnscenter.Media.Tests.Hardening;

/// <summary>
/// Alone, so the process's memory figures are this test's: the memory checks read the whole
/// process's allocations, which parallel tests would add to.
/// </summary>
[CollectionDefinition(nameof(HostileFilesTests), DisableParallelization = true)]
public sealed class HostileFilesCollection;

/// <summary>
/// Files an attacker with a stolen editor session once used (issue 14.1), each made here in memory:
/// refused with a Danish message naming the limit, nothing stored, memory bounded, and the library
/// answering normally afterwards.
/// </summary>
[Collection(nameof(HostileFilesTests))]
public sealed class HostileFilesTests
{
    /// <summary>Far below what decoding or holding any of these files would take (gigabytes).</summary>
    private const long MemoryBound = 150 * 1024 * 1024;

    public static TheoryData<string, Func<byte[]>, string> Files => new()
    {
        { "kaempe.png", () => TestFiles.HugePng(30_000, 30_000), "«kaempe.png» er 30.000 × 30.000 punkter (900 megapixel). Billeder må højst have 40 megapixel." },
        { "sort-hvid.png", () => TestFiles.HugePng(60_000, 60_000, bitDepth: 1, colourType: 0), "«sort-hvid.png» er 60.000 × 60.000 punkter (3.600 megapixel). Billeder må højst have 40 megapixel." },
        { "blink.gif", () => TestFiles.AnimatedGif(101), "«blink.gif» er en animation med over 100 billeder. Animationer må højst have 100 billeder." },
        { "store-slides.pptx", () => TestFiles.Pptx(Enumerable.Range(1, 3).Select(i => SlideSpec.Bullets($"Slide {i}", new string('x', 3_000_000))).ToArray()),
            "«store-slides.pptx»: Teksten i PowerPoint-filen kan ikke bruges: slide 1 fylder over 2.000.000 tegn XML" },
        { "lang-slide.pptx", () => TestFiles.Pptx(SlideSpec.Bullets("Velkommen", "Kort"), SlideSpec.Bullets("Lang", new string('x', 50_000))),
            "«lang-slide.pptx»: Teksten i PowerPoint-filen kan ikke bruges: slide 2 har over 20.000 tegn tekst, og højst 20.000 tegn pr. slide er tilladt." },
        { "langt-dæk.pptx", () => TestFiles.Pptx(Enumerable.Range(1, 20).Select(i => SlideSpec.Bullets($"Slide {i}", new string('x', 19_000))).ToArray()),
            "«langt-dæk.pptx»: Teksten i PowerPoint-filen kan ikke bruges: filen har over 300.000 tegn tekst i alt, og højst 300.000 tegn pr. fil er tilladt." },
        { "lang-titel.pptx", () => TestFiles.Pptx(SlideSpec.Bullets(new string('T', 400), "Tekst")),
            "«lang-titel.pptx»: Teksten i PowerPoint-filen kan ikke bruges: titlen på slide 1 er 400 tegn lang, og en titel må højst være 300 tegn." },
        { "formularer.pdf", () => TestFiles.NestedFormsPdf(depth: 12, fan: 8, text: false),
            "«formularer.pdf»: Teksten i PDF-filen kan ikke bruges: side 1 tegner over 5.000 formularobjekter (indlejrede XObjects), og højst 5.000 pr. side er tilladt." },
        { "formularer-med-tekst.pdf", () => TestFiles.NestedFormsPdf(depth: 12, fan: 8, text: true),
            "«formularer-med-tekst.pdf»: Teksten i PDF-filen kan ikke bruges: side 1 har over 20.000 tegn tekst, og højst 20.000 tegn pr. side er tilladt." },
        { "mange-sider.pdf", () => TestFiles.ManyPagesPdf(301),
            "«mange-sider.pdf»: Teksten i PDF-filen kan ikke bruges: den har 301 sider, og højst 300 er tilladt." },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_hostile_file_is_refused_naming_the_limit_nothing_is_stored_and_memory_stays_bounded(string name, Func<byte[]> make, string message)
    {
        await using var host = await MediaHost.StartAsync();
        var content = make();
        Assert.True(content.Length < 2 * MediaOptions.MegaByte, $"{name} fylder {content.Length} byte: testfilen skal være lille");
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var workingSetBefore = Environment.WorkingSet;

        var result = await host.UploadAsync(name, content, "Et billede");

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var workingSetGrowth = Environment.WorkingSet - workingSetBefore;
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors).Message;
        Assert.True(error.StartsWith(message, StringComparison.Ordinal), error);
        Assert.Empty(host.FilesOnDisk());
        Assert.Empty(await host.Library.ListAsync());
        Assert.True(allocated < MemoryBound, $"{name}: {allocated / 1_000_000} MB allokeret under uploaden");
        Assert.True(workingSetGrowth < MemoryBound, $"{name}: processen voksede {workingSetGrowth / 1_000_000} MB");

        // The library still answers: an ordinary deck and an ordinary photo go in and are served.
        var deck = await host.UploadAsync("oplæg.pptx", TestFiles.Pptx(SlideSpec.Bullets("Velkommen", "Hej")));
        var photo = await host.UploadAsync("foto.png", TestFiles.Png(800, 600), "Et foto");
        Assert.Equal("Velkommen", (await host.Library.SlidesAsync(deck.File!)).Slides.Single().Title);
        Assert.NotNull(await host.Get<ImageProfiles>().GetAsync(photo.File!, 320, ProfileFormat.WebP, CancellationToken.None));
    }

    [Fact]
    public async Task A_file_whose_reading_outlasts_the_time_budget_is_refused_and_nothing_is_stored()
    {
        // Without a limit on form objects, 8^14 nested draws would run for days: only the time budget stops it.
        await using var host = await MediaHost.StartAsync(o => new MediaOptions
        {
            RootPath = o.RootPath,
            Extraction = new ExtractionLimits { Timeout = TimeSpan.FromSeconds(1), MaxFormObjectsPerPage = int.MaxValue },
        });

        var result = await host.UploadAsync("formularer.pdf", TestFiles.NestedFormsPdf(depth: 14, fan: 8, text: false));

        Assert.Equal("«formularer.pdf»: Det tog for lang tid at læse teksten i filen (over 1 sekunder), så den er afvist. Del den op eller gør den mindre, og prøv igen.",
            Assert.Single(result.Errors).Message);
        Assert.Empty(host.FilesOnDisk());
        Assert.Empty(await host.Library.ListAsync());
    }
}
