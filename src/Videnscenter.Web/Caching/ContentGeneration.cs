using System.Globalization;

namespace Videnscenter.Web.Caching;

/// <summary>
/// What the validators of the public pages are made of: a number that grows with every change
/// readers can see (publish, unpublish, archive), the time of the last one, and a one-minute time
/// window, since pages also change with the clock (what is "upcoming"). Within one window and one
/// generation, a page is the same for every reader of its audience level, which is what its weak
/// ETag promises. The process's start time is part of the tag, so a restarted node (or another
/// node, which counts its own changes) never confirms a tag it did not give.
/// </summary>
public sealed class ContentGeneration(TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly string _epoch = clock.GetUtcNow().ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture);
    private long _generation;
    private long _changedTicks = clock.GetUtcNow().UtcTicks;

    public long Current => Interlocked.Read(ref _generation);

    /// <summary>Called when something readers see has changed (on this node or, through the change log, another).</summary>
    public void Changed()
    {
        Interlocked.Exchange(ref _changedTicks, clock.GetUtcNow().UtcTicks);
        Interlocked.Increment(ref _generation);
    }

    private long WindowNumber(DateTimeOffset now) => now.UtcTicks / Window.Ticks;

    /// <summary>How long an entry made now may live: to the end of the current window.</summary>
    public TimeSpan UntilWindowEnds()
    {
        var now = clock.GetUtcNow();
        var end = (WindowNumber(now) + 1) * Window.Ticks;
        return TimeSpan.FromTicks(Math.Max(end - now.UtcTicks, TimeSpan.TicksPerSecond));
    }

    /// <summary>A weak ETag for a page as a reader of <paramref name="audience"/> sees it now.</summary>
    public string ETagFor(string audience) =>
        $"W/\"{_epoch}-{Current.ToString(CultureInfo.InvariantCulture)}-{WindowNumber(clock.GetUtcNow()).ToString(CultureInfo.InvariantCulture)}-{audience}\"";

    /// <summary>The later of the last change and the start of the current window, to the second (HTTP dates have no fractions).</summary>
    public DateTimeOffset LastModified()
    {
        var now = clock.GetUtcNow();
        var ticks = Math.Max(Interlocked.Read(ref _changedTicks), WindowNumber(now) * Window.Ticks);
        return new DateTimeOffset(ticks - ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}
