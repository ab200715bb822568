using Videnscenter.Content.Markdown;

namespace Videnscenter.Content.Tests.Markdown;

public sealed class MarkdownRendererTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<svg onload=alert(1)></svg>")]
    [InlineData("<a href=\"javascript:alert(1)\">klik</a>")]
    public void Raw_html_is_shown_as_text_never_as_markup(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a ", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html);
    }

    [Theory]
    [InlineData("[klik](javascript:alert(1))")]
    [InlineData("[klik](JaVaScRiPt:alert(1))")]
    [InlineData("[klik](java\tscript:alert(1))")]
    [InlineData("[klik](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[klik](vbscript:msgbox)")]
    [InlineData("![billede](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    public void Links_with_unsafe_schemes_lose_their_url(string markdown)
    {
        var html = MarkdownRenderer.ToHtml(markdown);
        // Browsers drop tabs and newlines inside URLs, so "java\tscript:" counts as javascript:.
        var urls = System.Text.RegularExpressions.Regex.Matches(html, "(?:href|src)=\"([^\"]*)\"").Select(m => m.Groups[1].Value.Replace("\t", "").Replace("&#9;", ""));
        Assert.All(urls, url => Assert.DoesNotMatch("(?i)^\\s*(javascript|data|vbscript):", url));
    }

    [Theory]
    [InlineData("[SIND](https://sind.dk)", "href=\"https://sind.dk\"")]
    [InlineData("[metoder](/metoder)", "href=\"/metoder\"")]
    [InlineData("[skriv](mailto:info@randers.dk)", "href=\"mailto:info@randers.dk\"")]
    [InlineData("## Formål", "<h2")]
    public void Ordinary_markdown_and_safe_links_render(string markdown, string expected) => Assert.Contains(expected, MarkdownRenderer.ToHtml(markdown));

    [Fact]
    public void The_sanitizer_is_the_last_filter_even_for_what_an_image_renderer_writes()
    {
        // A (buggy) image renderer that lets an attribute and an element through: the sanitizer takes them out.
        var html = MarkdownRenderer.ToHtml("Se ==vigtigt== ![Plakat](/medier/plakat.png)", new LeakyImages());

        Assert.Contains("<mark>vigtigt</mark>", html);
        Assert.Contains("srcset=\"/medier/plakat.png?w=320 320w\"", html);
        Assert.Contains("loading=\"lazy\"", html);
        Assert.DoesNotContain("onerror", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
    }

    private sealed class LeakyImages : IMarkdownImageRenderer
    {
        public string? Render(string url, string alt, string? title) =>
            $"<img src=\"{url}\" srcset=\"{url}?w=320 320w\" alt=\"{alt}\" loading=\"lazy\" onerror=\"alert(1)\"><script>alert(2)</script><a href=\"javascript:alert(3)\">x</a>";
    }
}
