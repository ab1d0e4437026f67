namespace FunnelDashboard.Core.Common;

/// <summary>
/// Tells subscribers that something changed, each at most once per its own interval (the Aspire dashboard's
/// subscription + throttle): a change while a call is waiting is folded into it, a change during a call gives one
/// more call after it, never sooner than the interval after the previous one. Calls run off the notifier's thread.
/// </summary>
public sealed class ChangeNotifier(TimeProvider time, Action<Exception>? onError = null)
{
    readonly TimeProvider time = time;
    readonly Action<Exception>? onError = onError;
    readonly Lock gate = new();
    Subscription[] subscriptions = [];

    public ChangeNotifier() : this(TimeProvider.System) { }

    public int SubscriberCount => Volatile.Read(ref subscriptions).Length;

    public IDisposable Subscribe(Func<Task> onChanged, TimeSpan minInterval)
    {
        var subscription = new Subscription(this, onChanged, minInterval);
        lock (gate) subscriptions = [.. subscriptions, subscription];
        return subscription;
    }

    public void Notify()
    {
        foreach (var subscription in Volatile.Read(ref subscriptions)) subscription.Signal();
    }

    void Remove(Subscription subscription)
    {
        lock (gate) subscriptions = subscriptions.Where(s => s != subscription).ToArray();
    }

    sealed class Subscription(ChangeNotifier owner, Func<Task> callback, TimeSpan minInterval) : IDisposable
    {
        readonly Lock gate = new();
        bool scheduled, pending, disposed;
        long lastCall = long.MinValue;

        public void Signal()
        {
            lock (gate)
            {
                if (disposed) return;
                if (scheduled) { pending = true; return; }
                scheduled = true;
            }
            _ = Task.Run(RunAsync);
        }

        async Task RunAsync()
        {
            while (true)
            {
                if (lastCall != long.MinValue)
                {
                    var wait = minInterval - owner.time.GetElapsedTime(lastCall);
                    if (wait > TimeSpan.Zero) await Task.Delay(wait, owner.time);
                }
                lock (gate)
                {
                    if (disposed) return;
                    pending = false;
                }
                lastCall = owner.time.GetTimestamp();
                try { await callback(); }
                catch (Exception e) { owner.onError?.Invoke(e); }
                lock (gate)
                {
                    if (!pending || disposed) { scheduled = false; return; }
                }
            }
        }

        public void Dispose()
        {
            lock (gate) disposed = true;
            owner.Remove(this);
        }
    }
}
