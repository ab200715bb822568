using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Videnscenter.Theme.Display;

namespace Videnscenter.Web.Caching;

/// <summary>
/// Brotli and gzip for text answers, except those with a secret that stays the same across answers.
/// BREACH: an attacker who can put text into a compressed HTTPS page (a search box echoing q) and
/// watch its size can guess a secret on the same page byte by byte. Every page with a secret here
/// carries an antiforgery token, and the antiforgery system marks such answers Cache-Control: no-store.
/// Those are compressed only when <see cref="PersonalPartsFilling"/> filled their tokens in: such a
/// token is encrypted anew for each answer, so there is nothing stable to guess. A page still holding
/// markers is never compressed (it is filled first, then compressed by the outer middleware).
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
        !context.Response.Headers.ContainsKey(PersonalParts.Header)
        && (!PageCache.CarriesSecret(context.Response) || context.Items.ContainsKey(PersonalPartsFilling.FilledItem))
        && base.ShouldCompressResponse(context);
}
