using System.Globalization;
using System.Text.Json.Nodes;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;

namespace Videnscenter.Web.Tests.Hosting;

/// <summary>
/// Builds a draft of any content type with every field filled, so the security tests cover types
/// and fields added to the recipe later without being edited.
/// </summary>
internal static class TestContent
{
    /// <summary>A valid value for every field; text, Markdown, link and media fields from the callbacks.</summary>
    public static JsonObject Fields(ContentSchema schema, ContentTypeDefinition type,
        Func<FieldDefinition, string> text, Func<FieldDefinition, string> link, Func<FieldDefinition, string?> media,
        Func<FieldDefinition, JsonNode?>? references = null)
    {
        var fields = new JsonObject();
        var upcoming = DateTime.Today.AddDays(40);
        foreach (var f in type.Fields)
        {
            var value = f.Kind switch
            {
                FieldKind.Text or FieldKind.Markdown => text(f),
                FieldKind.Number => 7,
                FieldKind.Boolean => true,
                FieldKind.Date => upcoming.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                FieldKind.DateTimeRanges => new JsonArray($"{upcoming:yyyy-MM-dd} 10:00-12:00", $"{upcoming.AddDays(7):yyyy-MM-dd} 10:00-12:00"),
                FieldKind.Link => link(f),
                FieldKind.Email => "test@example.org",
                FieldKind.Phone => "86 42 00 00",
                FieldKind.Choice when f.Options.Count > 0 => f.Multiple ? new JsonArray(f.Options[0]) : f.Options[0],
                FieldKind.Taxonomy when f.Taxonomy is { } t && schema.Taxonomy(t) is { Terms.Count: > 0 } taxonomy =>
                    new JsonArray(taxonomy.Terms[0].Key),
                FieldKind.Reference => references?.Invoke(f),
                FieldKind.Media => media(f),
                _ => null,
            };
            if (value is not null) fields[f.Name] = value;
        }
        return fields;
    }

    /// <summary>
    /// Creates the item; if the store refuses an optional field (a rule added later, say), the item
    /// is created without it, so one new rule does not hide every other check.
    /// </summary>
    public static async Task<ContentItem> CreateAsync(SecuritySite site, ContentDraft draft, ContentTypeDefinition type, string author)
    {
        var result = await site.WithStoreAsync(s => s.CreateAsync(draft, author));
        if (!result.Succeeded && DropOptional(draft, type, result.Errors) is { } retry)
            result = await site.WithStoreAsync(s => s.CreateAsync(retry, author));
        Assert.True(result.Succeeded, $"{type.Name} kunne ikke oprettes: {string.Join(" ", result.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
        return result.Item!;
    }

    public static async Task<ContentItem> SaveAsync(SecuritySite site, ContentItem item, ContentDraft draft, ContentTypeDefinition type, string author)
    {
        var result = await site.WithStoreAsync(s => s.SaveAsync(item.Id, item.VersionId, draft, author));
        if (!result.Succeeded && DropOptional(draft, type, result.Errors) is { } retry)
            result = await site.WithStoreAsync(s => s.SaveAsync(item.Id, item.VersionId, retry, author));
        Assert.True(result.Succeeded, $"{type.Name} kunne ikke gemmes: {string.Join(" ", result.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
        return result.Item!;
    }

    private static ContentDraft? DropOptional(ContentDraft draft, ContentTypeDefinition type, IReadOnlyList<FieldError> errors)
    {
        var fields = (JsonObject)draft.Fields.DeepClone();
        foreach (var error in errors)
        {
            if (type.Field(error.Field) is not { Required: false } field) return null;
            fields.Remove(field.Name);
        }
        return draft with { Fields = fields };
    }

    public static Audience[] Levels => [Audience.Offentlig, Audience.Frivillig, Audience.Medarbejder];
}
