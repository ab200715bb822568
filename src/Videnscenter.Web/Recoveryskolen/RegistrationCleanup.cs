using Videnscenter.Content.Items;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>
/// Deletes sign-ups 30 days after their course's last session has ended, as the sign-up form
/// promises. The course's current sessions decide; if the course is gone, the end date saved at
/// sign-up does.
/// </summary>
public sealed class RegistrationCleanup(RegistrationStore registrations, ContentStore store, TimeProvider clock, ILogger<RegistrationCleanup> log)
{
    /// <summary>Returns how many sign-ups were deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var deleted = 0;
        foreach (var (courseId, savedEnd) in await registrations.CoursesAsync(ct))
        {
            var course = await CourseLookup.ForSystemAsync(store, courseId, ct);
            var endsUtc = course?.LastEndUtc ?? savedEnd;
            if (endsUtc + RegistrableItem.RetentionAfterEnd > now) continue;
            var count = await registrations.DeleteCourseAsync(courseId, ct);
            deleted += count;
            log.LogInformation("Slettede {Count} tilmeldinger til kurset {CourseId}, der sluttede {End:u}", count, courseId, endsUtc);
        }
        return deleted;
    }
}

/// <summary>Runs the cleanup at start-up and then every few hours, on one node of the cluster per period.</summary>
public sealed class RegistrationCleanupService(IServiceScopeFactory scopes, TimeProvider clock, Cluster.JobLeases leases,
    ILogger<RegistrationCleanupService> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(4);
    private const string Job = "registration-cleanup";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                // A little under the interval, so this node's next tick can take it again.
                if (!await leases.TryTakeAsync(Job, Interval - TimeSpan.FromMinutes(5), stoppingToken)) continue;
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RegistrationCleanup>().PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Try again next time; a failed run must not stop the site.
                log.LogError(e, "Sletning af gamle kursustilmeldinger mislykkedes");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
