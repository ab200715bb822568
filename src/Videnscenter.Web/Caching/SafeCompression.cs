using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Videnscenter.Web.Caching;

/// <summary>
/// Brotli and gzip for text answers, except personal ones. BREACH: an attacker who can put text
/// into a compressed HTTPS page (a search box echoing q) and watch its size can guess a secret on
/// the same page byte by byte. Every page with a secret here carries an antiforgery token, and the
/// antiforgery system marks such answers Cache-Control: no-store, so those are sent uncompressed;
/// pages with no secret (what anonymous readers get, CSS, JS, JSON, iCalendar) are compressed.
/// </summary>
public sealed class SafeCompression(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
    : ResponseCompressionProvider(services, options)
{
    public static readonly string[] MimeTypes =
    [
        "text/html", "text/css", "text/plain", "text/javascript", "application/javascript",
        "application/json", "text/json", "application/xml", "text/xml", "application/atom+xml",
        "image/svg+xml", "text/calendar",
    ];

    public override bool ShouldCompressResponse(HttpContext context) =>
        !PageCache.CarriesSecret(context.Response) && base.ShouldCompressResponse(context);
}
