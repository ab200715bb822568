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
/// <remarks>
/// The bursts can be set under <c>Recoveryskolen:SignUpLimits</c> (<c>PerAddress</c>,
/// <c>PerAddressAndCourse</c>, <c>PerCourse</c>), e.g. for an event where everyone signs up on the
/// venue's network. A request without a remote address (an in-process test host) has no address
/// to count by; only the per-course limit applies to it.
/// </remarks>
public sealed class SignUpLimits : IDisposable
{
    public const string Section = "Recoveryskolen:SignUpLimits";

    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perAddressAndCourse;
    private readonly PartitionedRateLimiter<string> _perCourse;

    public SignUpLimits(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        _perAddress = Bucket(section.GetValue("PerAddress", 5), 1, TimeSpan.FromMinutes(2));
        _perAddressAndCourse = Bucket(section.GetValue("PerAddressAndCourse", 3), 1, TimeSpan.FromMinutes(10));
        _perCourse = Bucket(section.GetValue("PerCourse", 30), 3, TimeSpan.FromMinutes(1));
    }

    /// <summary>True when this sign-up may go ahead; takes one from every bucket it passes.</summary>
    public bool TryTake(string? address, Guid courseId)
    {
        if (address is not null)
        {
            using var a = _perAddress.AttemptAcquire(address);
            if (!a.IsAcquired) return false;
            using var b = _perAddressAndCourse.AttemptAcquire($"{address}|{courseId:N}");
            if (!b.IsAcquired) return false;
        }
        using var c = _perCourse.AttemptAcquire(courseId.ToString("N"));
        return c.IsAcquired;
    }

    private static PartitionedRateLimiter<string> Bucket(int burst, int refill, TimeSpan period) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst), TokensPerPeriod = refill, ReplenishmentPeriod = period, QueueLimit = 0, AutoReplenishment = true,
        }));

    public void Dispose()
    {
        _perAddress.Dispose();
        _perAddressAndCourse.Dispose();
        _perCourse.Dispose();
    }
}
