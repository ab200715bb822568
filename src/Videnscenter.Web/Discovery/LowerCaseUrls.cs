namespace Videnscenter.Web.Discovery;

/// <summary>
/// Addresses answer in any letter case: /Metoder/NADA redirects (301) to /metoder/nada, so links
/// typed or printed in capitals work and each page has one address for search engines.
/// </summary>
public sealed class LowerCaseUrls(RequestDelegate next)
{
    // Files keep their names' case: static assets are fingerprinted and media names are the library's.
    // Secret links carry case-sensitive tokens (a sign-up's /kurser/min-tilmelding/<token>), and the
    // admin and account pages use type names and ids as the code writes them: those keep their case.
    private static readonly string[] Untouched = ["/_content/", "/_framework/", "/medier/", "/api/", "/kurser/min-tilmelding/", "/admin/", "/konto/"];

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value;
        if (path is null || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || !path.Any(char.IsUpper) || Untouched.Any(u => path.StartsWith(u, StringComparison.OrdinalIgnoreCase)))
            return next(context);

        // A relative Location keeps the scheme and host the reader used (also behind a proxy).
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = request.PathBase + path.ToLowerInvariant() + request.QueryString;
        return Task.CompletedTask;
    }
}
