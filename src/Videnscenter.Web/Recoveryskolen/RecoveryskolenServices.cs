using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Videnscenter.Content.Items;
using Videnscenter.Content.Storage;

namespace Videnscenter.Web.Recoveryskolen;

public static class RecoveryskolenServices
{
    /// <summary>The rate-limit policy on the sign-up form (see Program.cs).</summary>
    public const string SignUpRateLimit = "course-sign-up";

    /// <summary>Sign-ups, waiting lists and their cleanup, in the site's database.</summary>
    public static IServiceCollection AddRecoveryskolen(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<RegistrationsDbContext>(o => o.Use(connectionString, RegistrationsDbContext.HistoryTable));
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<RegistrationStore>();
        services.AddScoped<RegistrationCleanup>();
        services.AddScoped<IContentEventHandler, CourseCapacityHandler>();
        services.AddHostedService<RegistrationCleanupService>();
        return services;
    }

    /// <summary>
    /// Only posting the form counts, per IP address: a burst of 20, then 5 a minute. Generous,
    /// because a whole group may sign up from the same computer in Psykiatriens Hus.
    /// </summary>
    public static RateLimitPartition<string> SignUpPartition(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "ukendt",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = 20, TokensPerPeriod = 5, ReplenishmentPeriod = TimeSpan.FromMinutes(1), QueueLimit = 0,
                })
            : RateLimitPartition.GetNoLimiter("read");
}
