using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Videnscenter.Web.Methods;

/// <summary>
/// Turns the law paragraphs a method names ("SEL § 85", "serviceloven §§ 10 og 12") into links to
/// the act on retsinformation.dk. Works on rendered HTML: only text outside tags and outside
/// existing links is touched, so Markdown links and markup are left as they are.
/// </summary>
public static partial class LawLinks
{
    /// <summary>
    /// The acts we link, by the names methods use for them. Serviceloven is lovbekendtgørelse nr. 67
    /// af 22. januar 2024; retsinformation.dk shows a notice with the newest version on that address.
    /// </summary>
    private static readonly (Regex Name, string Title, string Url)[] Acts =
    [
        (new Regex(@"^(SEL|[Ss]ervicelov(en|ens))$"), "Serviceloven (lov om social service) på retsinformation.dk",
            "https://www.retsinformation.dk/eli/lta/2024/67"),
    ];

    // A law's name, then § or §§ and one or more paragraph numbers ("82 a", "10, 12 og 85").
    [GeneratedRegex(@"\b(SEL|[Ss]ervicelov(?:en|ens))\s+(§§?)(?:\s|&nbsp;)*(\d+(?:\s?[a-z]\b)?(?:(?:\s*,\s*|\s+og\s+|\s*-\s*)\d+(?:\s?[a-z]\b)?)*)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    public static string Add(string html)
    {
        if (string.IsNullOrEmpty(html) || !html.Contains('§')) return html;
        var result = new StringBuilder(html.Length + 128);
        var insideLink = 0;
        var at = 0;
        foreach (Match tag in Tag().Matches(html))
        {
            AppendText(result, html[at..tag.Index], insideLink > 0);
            var t = tag.Value;
            if (t.StartsWith("<a ", StringComparison.OrdinalIgnoreCase) || t.Equals("<a>", StringComparison.OrdinalIgnoreCase)) insideLink++;
            else if (t.StartsWith("</a", StringComparison.OrdinalIgnoreCase) && insideLink > 0) insideLink--;
            result.Append(t);
            at = tag.Index + tag.Length;
        }
        AppendText(result, html[at..], insideLink > 0);
        return result.ToString();
    }

    private static void AppendText(StringBuilder result, string text, bool insideLink)
    {
        if (insideLink || !text.Contains('§'))
        {
            result.Append(text);
            return;
        }
        result.Append(Reference().Replace(text, m =>
        {
            var act = Acts.FirstOrDefault(a => a.Name.IsMatch(m.Groups[1].Value));
            return act.Url is null ? m.Value
                : $"<a href=\"{act.Url}\" class=\"law-link\" title=\"{WebUtility.HtmlEncode(act.Title)}\">{m.Value}</a>";
        }));
    }
}
