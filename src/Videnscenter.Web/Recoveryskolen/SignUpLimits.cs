using System.Threading.RateLimiting;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>
/// Limits on scripted sign-ups, without a CAPTCHA (which shuts out people using screen readers and
/// sends readers' data to a third party). Counted on valid sign-ups only, so someone correcting a
/// typo is never held back. In memory, per node: a flood is stopped where it lands.
/// <list type="bullet">
/// <item>Per address (IP): 5 at once, then one more every 2 minutes; a group signing up one by one from a shared computer gets through.</item>
/// <item>Per address and course: 3 at once, then one more every 10 minutes.</item>
/// <item>Per course, from everywhere: 30 at once, then 3 a minute; a flood cannot fill a course's waiting list in seconds.</item>
/// </list>
/// </summary>
public sealed class SignUpLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAddress = Bucket(5, 1, TimeSpan.FromMinutes(2));
    private readonly PartitionedRateLimiter<string> _perAddressAndCourse = Bucket(3, 1, TimeSpan.FromMinutes(10));
    private readonly PartitionedRateLimiter<string> _perCourse = Bucket(30, 3, TimeSpan.FromMinutes(1));

    /// <summary>True when this sign-up may go ahead; takes one from every bucket it passes.</summary>
    public bool TryTake(string? address, Guid courseId)
    {
        var ip = address ?? "ukendt";
        using var a = _perAddress.AttemptAcquire(ip);
        if (!a.IsAcquired) return false;
        using var b = _perAddressAndCourse.AttemptAcquire($"{ip}|{courseId:N}");
        if (!b.IsAcquired) return false;
        using var c = _perCourse.AttemptAcquire(courseId.ToString("N"));
        return c.IsAcquired;
    }

    private static PartitionedRateLimiter<string> Bucket(int burst, int refill, TimeSpan period) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst, TokensPerPeriod = refill, ReplenishmentPeriod = period, QueueLimit = 0, AutoReplenishment = true,
        }));

    public void Dispose()
    {
        _perAddress.Dispose();
        _perAddressAndCourse.Dispose();
        _perCourse.Dispose();
    }
}
