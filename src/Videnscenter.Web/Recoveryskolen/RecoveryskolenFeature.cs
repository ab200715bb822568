using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Videnscenter.Content.Items;
using Videnscenter.Content.Storage;
using Videnscenter.Web.Hosting;
using Videnscenter.Web.Sections;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>
/// Recoveryskolen: semester catalogues, course pages with sign-up and waiting list, cancellation,
/// the participants list for editors, PDF catalogue and course iCalendar.
/// </summary>
public static class RecoveryskolenFeature
{
    /// <summary>The rate-limit policy on the sign-up form.</summary>
    public const string SignUpRateLimit = "course-sign-up";

    /// <summary>Sign-ups, waiting lists and their cleanup, in the site's database; the course page's template.</summary>
    public static IServiceCollection AddRecoveryskolen(this IServiceCollection services, string connectionString)
    {
        services.AddDisplayTemplate(RegistrableItem.TypeName, "/Recoveryskolen/CourseDisplay.cshtml");
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, config) =>
        {
            var burst = Math.Max(1, config.GetValue($"{SignUpLimits.Section}:PostsPerAddress", 20));
            o.AddPolicy(SignUpRateLimit, context => SignUpPartition(context, burst));
        });
        services.AddStartupStep<RegistrationsMigration>();
        services.AddDbContext<RegistrationsDbContext>(o => o.Use(connectionString, RegistrationsDbContext.HistoryTable));
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<RegistrationStore>();
        services.AddSingleton<SharedCourseCounts>();
        services.AddSingleton<CoursePlacesOnPages>();
        services.AddSingleton<Caching.ILivePageState>(sp => sp.GetRequiredService<CoursePlacesOnPages>());
        services.AddSingleton<SignUpLimits>();
        services.AddScoped<IRegistrationNotifier, RegistrationMails>();
        services.AddHostedService<CourseReminderService>();
        services.AddScoped<RegistrationCleanup>();
        services.AddScoped<IContentEventHandler, CourseCapacityHandler>();
        services.AddHostedService<RegistrationCleanupService>();
        return services;
    }

    /// <summary>
    /// Only posting the form counts, per IP address: a burst of 20 (<c>Recoveryskolen:SignUpLimits:PostsPerAddress</c>),
    /// then 5 a minute. Generous, because a whole group may sign up from the same computer in
    /// Psykiatriens Hus, and a form with a typo is posted again; <see cref="SignUpLimits"/> counts
    /// the valid sign-ups more strictly.
    /// </summary>
    public static RateLimitPartition<string> SignUpPartition(HttpContext context, int burst = 20) =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "ukendt",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst, TokensPerPeriod = 5, ReplenishmentPeriod = TimeSpan.FromMinutes(1), QueueLimit = 0,
                })
            : RateLimitPartition.GetNoLimiter("read");
}

/// <summary>Creates or updates the registrations table at start-up.</summary>
internal sealed class RegistrationsMigration : IStartupStep
{
    public Task MigrateAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<RegistrationsDbContext>().Database.MigrateAsync(ct);
}
