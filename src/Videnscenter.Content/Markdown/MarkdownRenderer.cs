using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Videnscenter.Content.Markdown;

/// <summary>
/// Renders editors' Markdown safely: raw HTML is disabled (shown as text), and links and images
/// keep only http, https, mailto and relative URLs; anything else (javascript:, data:, vbscript:)
/// loses its URL. No extension that lets text set HTML attributes is enabled. As a last filter the
/// HTML goes through HtmlSanitizer with an allow-list of exactly what our Markdown produces (and the
/// responsive images the site renders), so a future Markdig extension or renderer mistake cannot
/// let script, event handlers or foreign elements through.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .Build();

    /// <param name="images">Renders images the site knows better (the media library's responsive copies); others are plain <c>img</c>.</param>
    public static string ToHtml(string? markdown, IMarkdownImageRenderer? images = null)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsAllowedUrl(link.Url)) link.Url = "#";
        }
        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            if (!autolink.IsEmail && !IsAllowedUrl(autolink.Url)) autolink.Url = "#";
        }
        if (images is null) return Sanitizer.Sanitize(Markdig.Markdown.ToHtml(document, Pipeline));
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.ReplaceOrAdd<LinkInlineRenderer>(new ImageAwareLinkRenderer(images));
        renderer.Render(document);
        writer.Flush();
        return Sanitizer.Sanitize(writer.ToString());
    }

    /// <summary>What rendered Markdown may contain; everything else is removed. Configured once, then only read (thread-safe).</summary>
    private static readonly HtmlSanitizer Sanitizer = new(new HtmlSanitizerOptions
    {
        AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del", "ins", "mark", "sub", "sup", "code", "pre",
            "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
        },
        AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "href", "title", "src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding", "class", "id", "start", "style",
        },
        AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "text-align" },
        AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
        UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
        UriListAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "srcset" },
    });

    /// <summary>Markdig's link renderer, except that images go to the site's image renderer first.</summary>
    private sealed class ImageAwareLinkRenderer(IMarkdownImageRenderer images) : LinkInlineRenderer
    {
        protected override void Write(HtmlRenderer renderer, LinkInline link)
        {
            if (link.IsImage && link.Url is { } url
                && images.Render(url, string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString())), link.Title) is { } html)
            {
                renderer.Write(html);
                return;
            }
            base.Write(renderer, link);
        }
    }

    /// <summary>Plain text of Markdown, for search and summaries.</summary>
    public static string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdig.Markdown.ToPlainText(markdown, Pipeline).Trim();

    public static bool IsAllowedUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        var trimmed = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        var colon = trimmed.IndexOf(':');
        var slash = trimmed.IndexOfAny(['/', '?', '#']);
        // No scheme before the first path character: a relative URL.
        if (colon < 0 || (slash >= 0 && slash < colon)) return true;
        var scheme = trimmed[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }
}

/// <summary>Writes the HTML of an image in Markdown, or null to leave it to the default <c>img</c>.</summary>
public interface IMarkdownImageRenderer
{
    /// <param name="url">Already checked against the URL allow-list.</param>
    /// <param name="alt">The Markdown's own alt text, possibly empty.</param>
    string? Render(string url, string alt, string? title);
}

/// <summary>The site's Markdown renderer for pages: <see cref="MarkdownRenderer"/> with the site's image renderer, when it has one.</summary>
public sealed class MarkdownHtml(IMarkdownImageRenderer? images = null)
{
    public string ToHtml(string? markdown) => MarkdownRenderer.ToHtml(markdown, images);
}
