using System.Security.Cryptography;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;

namespace Videnscenter.Theme.Display;

/// <summary>
/// The parts of a page that belong to one answer, not to the page: the signed-in reader's name and a
/// form's antiforgery token. A template writes a marker in their place and flags the response; the
/// site (Web/Caching/PersonalPartsFilling) puts the real values in for every answer, whether the rest
/// of the page was just rendered or came from the page cache. So a page can be kept once per audience
/// level and still greet each reader by name and give each a token of their own.
/// </summary>
public static class PersonalParts
{
    /// <summary>The response header that says the body holds markers; it never leaves the process.</summary>
    public const string Header = "X-Videnscenter-Personal-Parts";

    public const byte NameKind = (byte)'n';
    public const byte FormTokenKind = (byte)'t';

    /// <summary>
    /// Starts every marker. A per-process random part, so text an editor writes can never be taken for a
    /// marker (markers exist only in this process's memory, between rendering and sending).
    /// </summary>
    public static readonly string Prefix = "<!--vc-part-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + "-";

    /// <summary>Ends every marker, after its one-letter kind.</summary>
    public const string Suffix = "-->";

    /// <summary>The reader's name (HTML-encoded when filled).</summary>
    public static IHtmlContent ReaderName(HttpContext http) => Mark(http, NameKind);

    /// <summary>The hidden input with the antiforgery token for a form posting back to the site.</summary>
    public static IHtmlContent FormToken(HttpContext http) => Mark(http, FormTokenKind);

    private static HtmlString Mark(HttpContext http, byte kind)
    {
        http.Response.Headers[Header] = "1";
        return new HtmlString(Prefix + (char)kind + Suffix);
    }
}
