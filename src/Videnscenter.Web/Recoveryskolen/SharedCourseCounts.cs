namespace Videnscenter.Web.Recoveryskolen;

/// <summary>
/// Counts of sign-ups for the page cache, asked once for many readers at a time. A cached course
/// page costs little but its count (a database query, a few hundred microseconds), and a busy page
/// is asked for by many readers at once: those who arrive while a count is under way share the next
/// one, started as soon as it ends. So every reader still gets a count read after their request
/// arrived (a sign-up they just made always shows), and one course costs at most one query at a time.
/// </summary>
public sealed class SharedCourseCounts(IServiceScopeFactory scopes)
{
    private readonly Dictionary<Guid, Turn> _turns = [];

    public Task<CourseCount> CountAsync(Guid courseId)
    {
        lock (_turns)
        {
            if (!_turns.TryGetValue(courseId, out var turn))
            {
                // Courses are few; forgotten turns are those with no count under way.
                if (_turns.Count > 10_000) _turns.Clear();
                _turns[courseId] = turn = new Turn();
            }
            if (turn.Running is null) return turn.Running = RunAsync(courseId, turn);
            // The count under way may have read before this reader came: take the one after it.
            return turn.Next ??= turn.Running.ContinueWith(_ => Promote(courseId, turn), TaskScheduler.Default).Unwrap();
        }
    }

    private Task<CourseCount> Promote(Guid courseId, Turn turn)
    {
        lock (_turns)
        {
            turn.Next = null;
            return turn.Running = RunAsync(courseId, turn);
        }
    }

    private async Task<CourseCount> RunAsync(Guid courseId, Turn turn)
    {
        // Off the caller's thread: it may hold the lock, and SQLite answers "async" calls synchronously.
        await Task.Yield();
        try
        {
            // Its own scope: the count outlives no reader, but must not depend on the one who started it.
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RegistrationStore>().CountAsync(courseId);
        }
        finally
        {
            lock (_turns)
            {
                if (turn.Next is null) turn.Running = null;
            }
        }
    }

    private sealed class Turn
    {
        public Task<CourseCount>? Running;
        public Task<CourseCount>? Next;
    }
}
