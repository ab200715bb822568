using System.Collections.Concurrent;
using Videnscenter.Web.Caching;

namespace Videnscenter.Web.Recoveryskolen;

/// <summary>
/// The places left on a course page (or an event's that takes sign-ups), as the page cache's live
/// state: the page is kept once per count of sign-ups and phase (open, started, ended), and that
/// count is taken before the cache is asked, then used for rendering so page and key agree.
/// <para>
/// Why a count on every request rather than evicting the page on each sign-up: sign-ups,
/// cancellations and moves up from the waiting list happen on any node, and only the database sees
/// them all (the cluster's change log carries content, not sign-ups). One count per course page is
/// one indexed query, shared by the readers who ask at the same moment (<see cref="SharedCourseCounts"/>);
/// a cached page with the wrong places would mislead someone about to sign up.
/// </para>
/// Which course a URL shows is learnt when the page is first rendered (that answer is not kept),
/// and forgotten when content changes.
/// </summary>
public sealed class CoursePlacesOnPages(SharedCourseCounts counts, TimeProvider clock) : ILivePageState
{
    /// <summary>Course pages are few; URLs differing only in case could be many, so the map is bounded.</summary>
    private const int MaxPages = 10_000;

    private const string CountItem = "videnscenter.course-places.counted";

    private readonly ConcurrentDictionary<string, RegistrableItem> _courseAt = new(StringComparer.Ordinal);

    /// <summary>The count taken before the cache was asked, for the course this page shows; null when none was.</summary>
    public static (CourseCount Count, DateTime NowUtc)? Counted(HttpContext http, Guid courseId) =>
        http.Items[CountItem] is (Guid id, CourseCount count, DateTime now) && id == courseId ? (count, now) : null;

    /// <summary>This URL shows this course's places.</summary>
    public void Remember(HttpContext http, RegistrableItem course)
    {
        if (_courseAt.Count >= MaxPages) _courseAt.Clear();
        _courseAt[http.Request.Path.Value ?? ""] = course;
    }

    public async ValueTask<string?> StateAsync(HttpContext http, CancellationToken ct)
    {
        if (!_courseAt.TryGetValue(http.Request.Path.Value ?? "", out var course)) return null;
        var count = await counts.CountAsync(course.Item.Id).WaitAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        http.Items[CountItem] = (course.Item.Id, count, now);
        var phase = course.HasEnded(now) ? "e" : course.HasStarted(now) ? "s" : "o";
        return $"p{count.Confirmed}.{count.Waiting}{phase}";
    }

    public void Forget() => _courseAt.Clear();
}
