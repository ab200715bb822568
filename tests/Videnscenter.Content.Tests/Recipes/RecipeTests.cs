using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Content.Storage;
using Videnscenter.Content.Tests.Harness;

namespace Videnscenter.Content.Tests.Recipes;

public sealed class RecipeTests
{
    private static Task<(int Types, int Taxonomies, int Items, int Versions, int Settings)> CountsAsync(ContentHost host) =>
        host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ContentDbContext>();
            return (await db.ContentTypes.CountAsync(), await db.Taxonomies.CountAsync(), await db.Items.CountAsync(),
                await db.Versions.CountAsync(), await db.Settings.CountAsync());
        });

    [Theory, MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Running_the_real_recipe_with_its_seed_twice_changes_nothing_the_second_time(DatabaseKind kind)
    {
        await using var host = await ContentHost.StartAsync(kind, withSeed: true);
        var before = await CountsAsync(host);
        Assert.True(before.Items > 0);

        var second = await host.RunRecipeAsync(ContentHost.TestRecipe(withSeed: true));

        Assert.Empty(second.Changes);
        Assert.Empty(second.Problems);
        Assert.Equal(before, await CountsAsync(host));
    }

    [Fact]
    public async Task An_edited_recipe_updates_definitions_and_keeps_content()
    {
        await using var host = await ContentHost.StartAsync(DatabaseKind.Sqlite);
        var draft = new ContentDraft
        {
            Type = "Page",
            Title = "Hvad er recovery?",
            Body = "Recovery betyder at komme sig.",
        };
        var created = await host.StoreAsync(s => s.CreateAsync(draft, "r"));
        await host.StoreAsync(s => s.PublishAsync(created.Item!.Id));

        var recipe = ContentHost.TestRecipe(withSeed: false);
        var definitions = recipe["steps"]!.AsArray().OfType<JsonObject>().Single(s => s["name"]!.GetValue<string>() == "contentDefinitions");
        var page = definitions["types"]!.AsArray().OfType<JsonObject>().Single(t => t["name"]!.GetValue<string>() == "Page");
        page["displayName"] = "Introside";
        page["fields"]!.AsArray().Add(new JsonObject { ["name"] = "readingTime", ["kind"] = "number", ["label"] = "Læsetid i minutter" });

        var run = await host.RunRecipeAsync(recipe);

        Assert.Equal(["indholdstype Page"], run.Changes);
        var schema = await host.InScopeAsync(sp => sp.GetRequiredService<SchemaStore>().GetAsync());
        Assert.Equal("Introside", schema.Type("Page")!.DisplayName);
        Assert.Equal(FieldKind.Number, schema.Type("Page")!.Field("readingTime")!.Kind);
        var kept = await host.StoreAsync(s => s.GetPublishedAsync("Page", "hvad-er-recovery", Audience.Offentlig));
        Assert.Equal("Recovery betyder at komme sig.", kept!.Body);
    }
}
