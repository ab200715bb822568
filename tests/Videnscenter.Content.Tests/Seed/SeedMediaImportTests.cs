using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Content.Recipes;
using Videnscenter.Content.Seed;
using Videnscenter.Content.Tests.Harness;

namespace Videnscenter.Content.Tests.Seed;

/// <summary>Media fields in seed front matter name files beside the seed; a registered importer puts them in the library.</summary>
public sealed class SeedMediaImportTests
{
    private sealed class RecordingImporter : ISeedMediaImporter
    {
        public List<(string Path, string? Alt)> Calls { get; } = [];

        public Task<SeedMediaResult> ImportAsync(string path, string? altText, CancellationToken ct)
        {
            Calls.Add((path, altText));
            return Task.FromResult(File.Exists(path)
                ? SeedMediaResult.Imported("bibliotek-" + Path.GetFileName(path))
                : SeedMediaResult.Failed($"Filen «{Path.GetFileName(path)}» findes ikke."));
        }
    }

    [Fact]
    public async Task A_media_field_is_imported_from_the_section_folder_and_the_library_name_stored()
    {
        await using var host = await ContentHost.StartAsync(DatabaseKind.Sqlite);
        var folder = Directory.CreateTempSubdirectory("videnscenter-seed-media-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "slides", "filer"));
            await File.WriteAllTextAsync(Path.Combine(folder, "slides", "filer", "deck.pptx"), "ikke en rigtig pptx; importøren her er falsk");
            await File.WriteAllTextAsync(Path.Combine(folder, "slides", "a-med-fil.md"),
                "---\ntitle: Med fil\nfile: filer/deck.pptx\n---\n## Slide 1: Hej\n- Tekst\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "slides", "b-mangler.md"),
                "---\ntitle: Fil mangler\nsummary: Hov.\nfile: filer/findes-ikke.pptx\n---\nTekst.\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "slides", "c-udenfor.md"),
                "---\ntitle: Uden for mappen\nfile: ../../hemmelig.pptx\n---\nTekst.\n");
            var importer = new RecordingImporter();

            var context = await host.InScopeAsync(async sp =>
            {
                var seed = new SeedImporter(sp.GetRequiredService<ContentStore>(), sp.GetRequiredService<SchemaStore>(), importer);
                var ctx = new RecipeContext(folder);
                await seed.ImportFolderAsync(folder, ctx, CancellationToken.None);
                return ctx;
            });

            Assert.Equal([(Path.Combine(folder, "slides", "filer", "deck.pptx"), (string?)null), (Path.Combine(folder, "slides", "filer", "findes-ikke.pptx"), null)],
                importer.Calls);
            var problems = context.Problems.Select(p => p.ToString()).ToList();
            Assert.Equal(2, problems.Count);
            Assert.Contains("slides/b-mangler.md:4: «file»: Filen «findes-ikke.pptx» findes ikke.", problems);
            Assert.Contains(problems, p => p.StartsWith("slides/c-udenfor.md:3: «file»: filen «../../hemmelig.pptx» skal ligge i mappen med startindholdet.", StringComparison.Ordinal));
            var decks = await host.StoreAsync(s => s.ListPublishedAsync("SlideDeck", Audience.Medarbejder));
            Assert.Equal("bibliotek-deck.pptx", Assert.Single(decks).Text("file"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Without_an_importer_the_value_is_kept_as_written()
    {
        await using var host = await ContentHost.StartAsync(DatabaseKind.Sqlite);
        var type = (await host.InScopeAsync(sp => sp.GetRequiredService<SchemaStore>().GetAsync())).Type("SlideDeck")!;

        var context = await host.InScopeAsync(async sp =>
        {
            var ctx = new RecipeContext(Path.GetTempPath());
            await sp.GetRequiredService<SeedImporter>().ImportFileAsync(type, "slides/x.md",
                "---\ntitle: Uden importør\nfile: filer/deck.pptx\n---\nTekst.\n", ctx, CancellationToken.None, mediaFolder: "/findes/ikke");
            return ctx;
        });

        Assert.Empty(context.Problems);
        var deck = Assert.Single(await host.StoreAsync(s => s.ListPublishedAsync("SlideDeck", Audience.Medarbejder)));
        Assert.Equal("filer/deck.pptx", deck.Text("file"));
    }
}
