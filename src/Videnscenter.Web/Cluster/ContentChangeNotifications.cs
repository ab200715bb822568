namespace Videnscenter.Web.Cluster;

/// <summary>Content items whose published state changed on some node, as this node applied them from the change log.</summary>
public sealed record AppliedContentChanges(IReadOnlyList<Guid> ItemIds, long Position);

/// <summary>
/// The hook for per-node caches (output cache, media access, …): raised on every node after it
/// applied change-log entries, whichever node made the change. Subscribe at start-up; observers
/// must be quick and must not throw (a throwing observer is logged and skipped).
/// </summary>
public sealed class ContentChangeNotifications(ILogger<ContentChangeNotifications> log) : IObservable<AppliedContentChanges>
{
    private readonly Lock _gate = new();
    private IObserver<AppliedContentChanges>[] _observers = [];

    public IDisposable Subscribe(IObserver<AppliedContentChanges> observer)
    {
        lock (_gate) _observers = [.. _observers, observer];
        return new Unsubscriber(this, observer);
    }

    /// <summary>Convenience for an action instead of an observer.</summary>
    public IDisposable Subscribe(Action<AppliedContentChanges> onChanged) => Subscribe(new ActionObserver(onChanged));

    internal void Publish(AppliedContentChanges changes)
    {
        foreach (var observer in Volatile.Read(ref _observers))
        {
            try
            {
                observer.OnNext(changes);
            }
            catch (Exception e)
            {
                log.LogError(e, "A content-change observer failed");
            }
        }
    }

    private sealed class Unsubscriber(ContentChangeNotifications owner, IObserver<AppliedContentChanges> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate) owner._observers = [.. owner._observers.Where(o => o != observer)];
        }
    }

    private sealed class ActionObserver(Action<AppliedContentChanges> onNext) : IObserver<AppliedContentChanges>
    {
        public void OnNext(AppliedContentChanges value) => onNext(value);
        public void OnError(Exception error) { }
        public void OnCompleted() { }
    }
}
