using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Videnscenter.Web.Hosting;

/// <summary>
/// What the features' rate limits share. Staff sit behind the municipality's proxy and share one
/// public address, so a signed-in user is limited by account and only an anonymous visitor by
/// address (the one the configured proxy names, see <see cref="ForwardedHeadersSetup"/>). A refused
/// request gets 429 with Retry-After and the Danish "For mange forsøg" page.
/// </summary>
public static class RateLimits
{
    /// <summary>Used when a limiter cannot say when the next request will be let through.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>"konto:&lt;name&gt;" for a signed-in user, "adresse:&lt;ip&gt;" for anyone else.</summary>
    public static string ClientKey(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? "konto:" + name
            : "adresse:" + (context.Connection.RemoteIpAddress?.ToString() ?? "ukendt");

    public static bool IsSignedIn(HttpContext context) => context.User.Identity?.IsAuthenticated == true;

    internal static void ConfigureRejection(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = (context, _) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero
                ? after
                : DefaultRetryAfter;
            var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            // The status code pages show /fejl/429 (Danish) with the wait in it.
            context.HttpContext.Items[RetryAfterItem] = seconds;
            return ValueTask.CompletedTask;
        };
    }

    /// <summary>Seconds until the refused client may try again, for the 429 page.</summary>
    public const string RetryAfterItem = "videnscenter.retry-after";
}
