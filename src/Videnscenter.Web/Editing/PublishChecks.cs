using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Videnscenter.Content;
using Videnscenter.Content.Definitions;
using Videnscenter.Content.Items;
using Videnscenter.Media.Library;

namespace Videnscenter.Web.Editing;

/// <summary>Something an editor should look at before publishing; publishing is still allowed.</summary>
public sealed record PublishWarning(string FieldId, string FieldLabel, string Message);

/// <summary>
/// Checks run on the publish step: Markdown images without alt text (screen-reader users get
/// nothing from them) and internal links («/section/slug») that readers would find dead are warnings;
/// a reference to a media file that does not exist refuses the publish (<see cref="MissingMediaAsync"/>).
/// </summary>
public static class PublishChecks
{
    /// <summary>
    /// Every media file the item points at, in media fields and as <c>/medier/…</c> in its text, that
    /// is not in the library: one Danish error per reference, on the field that holds it. A broken
    /// image is never published without the editor fixing it.
    /// </summary>
    public static async Task<IReadOnlyList<FieldError>> MissingMediaAsync(ContentItem item, ContentTypeDefinition type, MediaLibrary library, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        foreach (var field in type.Fields.Where(f => f.Kind == FieldKind.Media))
            foreach (var value in item.Values(field.Name).Where(v => !string.IsNullOrWhiteSpace(v)))
            {
                var name = MediaNames.FromReference(value);
                if (name is null || await library.FindAsync(name, ct) is null)
                    errors.Add(new FieldError(field.Name, $"«{field.Label}» peger på filen «{value.Trim()}», som ikke findes i mediebiblioteket. Vælg en fil fra biblioteket, eller upload den først."));
            }

        var texts = new List<(string Field, string Label, string? Text)> { ("body", "Brødtekst", item.Body) };
        texts.AddRange(type.Fields.Where(f => f.Kind is FieldKind.Markdown or FieldKind.Text).Select(f => (f.Name, f.Label, item.Text(f.Name))));
        foreach (var (field, label, text) in texts)
            foreach (var reference in MediaReferences(text).Distinct(StringComparer.Ordinal))
            {
                var name = MediaNames.FromReference(reference);
                if (name is null || await library.FindAsync(name, ct) is null)
                    errors.Add(new FieldError(field, $"«{label}» henviser til «{reference}», men filen findes ikke i mediebiblioteket. Ret henvisningen, eller upload filen først."));
            }
        return errors;
    }

    /// <summary>Every <c>/medier/…</c> address in a text, as written (query and fragment cut off), valid name or not.</summary>
    public static IEnumerable<string> MediaReferences(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"/medier/[^\s)""'<>?#\]]+"))
            yield return m.Value;
    }

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseAutoLinks().Build();

    /// <summary>The Markdown texts of an item with the id of the form field and its label.</summary>
    public static IEnumerable<(string FieldId, string Label, string Markdown)> MarkdownTexts(ContentItem item, ContentTypeDefinition type)
    {
        yield return (EditorIds.Body, "Brødtekst", item.Body);
        foreach (var f in type.Fields.Where(f => f.Kind == FieldKind.Markdown))
            if (item.Text(f.Name) is { } text) yield return (EditorIds.Field(f.Name), f.Label, text);
    }

    public static async Task<IReadOnlyList<PublishWarning>> RunAsync(
        ContentItem item, ContentTypeDefinition type, ContentSchema schema, ContentStore store, CancellationToken ct)
    {
        var warnings = new List<PublishWarning>();
        foreach (var (fieldId, label, markdown) in MarkdownTexts(item, type))
        {
            foreach (var url in ImagesWithoutAlt(markdown))
                warnings.Add(new PublishWarning(fieldId, label,
                    $"Billedet «{url}» har ingen alternativ tekst. Skriv, hvad billedet viser, mellem de firkantede parenteser: ![Det viser billedet]({url})."));

            foreach (var url in InternalLinks(markdown).Distinct())
            {
                if (await CheckLinkAsync(url, item, type, schema, store, ct) is { } problem)
                    warnings.Add(new PublishWarning(fieldId, label, problem));
            }
        }
        return warnings;
    }

    /// <summary>URLs of images whose alt text is empty, e.g. <c>![](/medier/foto.jpg)</c>.</summary>
    public static IReadOnlyList<string> ImagesWithoutAlt(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return [];
        return Markdown.Parse(markdown, Pipeline).Descendants<LinkInline>()
            .Where(l => l.IsImage && string.IsNullOrWhiteSpace(AltText(l)))
            .Select(l => l.Url ?? "")
            .ToList();
    }

    /// <summary>Links to paths on this site (starting with one slash), without query or fragment.</summary>
    public static IReadOnlyList<string> InternalLinks(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return [];
        return Markdown.Parse(markdown, Pipeline).Descendants<LinkInline>()
            .Where(l => !l.IsImage && l.Url is { } u && u.StartsWith('/') && !u.StartsWith("//", StringComparison.Ordinal))
            .Select(l => l.Url!.Split('?', '#')[0])
            .ToList();
    }

    private static string AltText(LinkInline image) =>
        string.Concat(image.Descendants<LiteralInline>().Select(l => l.Content.ToString()))
        + string.Concat(image.Descendants<CodeInline>().Select(c => c.Content));

    private static async Task<string?> CheckLinkAsync(string url, ContentItem item, ContentTypeDefinition itemType,
        ContentSchema schema, ContentStore store, CancellationToken ct)
    {
        var segments = url.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        // Only links into a content section are ours to check; /soeg, /konto/… and the front page are pages.
        if (segments.Length == 0 || schema.BySection(segments[0]) is not { } type) return null;
        if (segments.Length == 1) return null;
        if (segments.Length > 2) return $"Linket «{url}» peger ikke på en side, der findes.";

        var slug = segments[1];
        // A link to the item itself works as soon as it is published.
        if (type.Name == itemType.Name && slug == item.Slug) return null;
        var published = await store.GetPublishedAsync(type.Name, slug, Audience.Medarbejder, ct);
        if (published is null)
        {
            return await store.FindBySlugAsync(type.Name, slug, ct) is null
                ? $"Linket «{url}» peger på en side, der ikke findes. Læserne vil få «Siden findes ikke»."
                : $"Linket «{url}» peger på en side, der ikke er udgivet endnu. Læserne vil få «Siden findes ikke».";
        }
        if (published.Audience > item.Audience)
            return $"Linket «{url}» peger på «{published.Title}», som kun er for {(published.Audience == Audience.Medarbejder ? "medarbejdere" : "frivillige og medarbejdere")}. " +
                   "Andre læsere vil få «Siden findes ikke».";
        return null;
    }
}
