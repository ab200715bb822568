using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Content.Recipes;
using Videnscenter.Content.Seed;
using Videnscenter.Content.Tests.Harness;

namespace Videnscenter.Content.Tests.Seed;

public sealed class SeedImportTests
{
    [Fact]
    public async Task The_repository_seed_imports_without_problems_and_fills_every_section()
    {
        await using var host = await ContentHost.StartAsync(DatabaseKind.Sqlite);
        var context = await host.InScopeAsync(async sp =>
        {
            var ctx = new RecipeContext(RepoPaths.Root);
            await sp.GetRequiredService<SeedImporter>().ImportFolderAsync(RepoPaths.Seed, ctx, CancellationToken.None);
            return ctx;
        });

        Assert.Empty(context.Problems.Select(p => p.ToString()));
        var all = await host.StoreAsync(s => s.ListPublishedAsync(null, Audience.Medarbejder));
        foreach (var type in new[] { "Method", "CompetenceProfile", "Course", "Event", "Partner", "SlideDeck" })
            Assert.True(all.Count(i => i.Type == type) >= 3, $"{type} har færre end 3 emner i startindholdet.");
        Assert.True(all.Count(i => i.Type == "Page") >= 2);

        // Methods name their owner's profile and profiles name the methods they master: a cycle no
        // import order satisfies, so the references that pointed forward are filled in at the end.
        var mestring = all.Single(i => i.Type == "Method" && i.Slug == "mestringsvejledning");
        var owner = Assert.Single(mestring.References("owner"));
        Assert.Equal("CompetenceProfile", all.Single(i => i.Id == owner.Id).Type);
        var anders = all.Single(i => i.Slug == "anders-lykke");
        Assert.Contains(anders.References("methods"), r => all.Single(i => i.Id == r.Id).Slug == "move");
    }

    [Fact]
    public async Task A_bad_file_is_reported_with_file_line_and_reason_and_the_others_still_import()
    {
        await using var host = await ContentHost.StartAsync(DatabaseKind.Sqlite);
        var folder = Directory.CreateTempSubdirectory("videnscenter-seed-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "sider"));
            await File.WriteAllTextAsync(Path.Combine(folder, "sider", "a-god.md"),
                "---\ntitle: En god side\nsummary: Den virker.\naudience: Offentlig\n---\nTekst.\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "sider", "b-forkert-publikum.md"),
                "---\ntitle: Forkert publikum\nsummary: Hov.\naudience: Alle\n---\nTekst.\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "sider", "c-yaml.md"),
                "---\ntitle: Ødelagt\nsummary: hov: nej\n---\nTekst.\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "sider", "d-ukendt-felt.md"),
                "---\ntitle: Ukendt felt\nsummary: Hov.\nfarve: blå\n---\nTekst.\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "sider", "e-ingen-forside.md"), "Bare tekst.\n");

            var context = await host.InScopeAsync(async sp =>
            {
                var ctx = new RecipeContext(folder);
                await sp.GetRequiredService<SeedImporter>().ImportFolderAsync(folder, ctx, CancellationToken.None);
                return ctx;
            });

            var problems = context.Problems.Select(p => p.ToString()).ToList();
            Assert.Equal(4, problems.Count);
            Assert.Contains(problems, p => p.StartsWith("sider/b-forkert-publikum.md:4: «audience» skal være Offentlig, Frivillig eller Medarbejder", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.StartsWith("sider/c-yaml.md:3: YAML-fejl", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.StartsWith("sider/d-ukendt-felt.md:4: Typen «Side» har ikke et felt, der hedder «farve»", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.StartsWith("sider/e-ingen-forside.md:1: Filen skal begynde", StringComparison.Ordinal));
            var pages = await host.StoreAsync(s => s.ListPublishedAsync("Page", Audience.Offentlig));
            Assert.Equal(["En god side"], pages.Select(p => p.Title));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Types_that_others_refer_to_are_imported_first()
    {
        FieldDefinition Ref(string target) => new() { Name = "r" + target, Kind = FieldKind.Reference, Label = target, ReferenceTypes = [target] };
        ContentTypeDefinition Type(string name, params FieldDefinition[] fields) => new() { Name = name, DisplayName = name, Section = name, Fields = fields };
        var types = new[] { Type("Course", Ref("Method"), Ref("Profile")), Type("Profile", Ref("Method")), Type("Method") };

        var order = SeedImporter.ImportOrder(types).Select(t => t.Name).ToList();

        Assert.Equal(["Method", "Profile", "Course"], order);
    }
}
