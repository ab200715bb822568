using System.Text.Json.Nodes;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;

namespace Videnscenter.Media.Library;

/// <summary>Which library files a content item uses: its media fields, and <c>/medier/…</c> links in its text.</summary>
public static class MediaUsage
{
    public static IReadOnlySet<string> NamesIn(ContentItem item, ContentTypeDefinition? type)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (type is not null)
            foreach (var field in type.Fields.Where(f => f.Kind == FieldKind.Media))
                foreach (var value in item.Values(field.Name))
                    if (MediaNames.FromReference(value) is { } name) names.Add(name);

        // Markdown images and links, in the body and in every text-like field.
        names.UnionWith(MediaNames.LinkedFrom(item.Body));
        foreach (var text in Strings(item.Fields)) names.UnionWith(MediaNames.LinkedFrom(text));
        return names;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out string? s) => [s],
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        _ => [],
    };
}
