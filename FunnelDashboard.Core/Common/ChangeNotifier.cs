namespace FunnelDashboard.Core.Common;

/// <summary>
/// Tells subscribers that something changed, each at most once per its own interval (the Aspire dashboard's
/// subscription + throttle). Calls fall on the interval's beat: the multiples of the interval on the process's clock,
/// shared by every subscriber with that interval, so screens that follow the same data update together and read the
/// same version of it (computed once). A change waits for the next beat; changes before it are folded into one call;
/// a change during a call gives one more call, on a later beat. A zero interval calls at once. Calls run off the
/// notifier's thread.
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
        long lastBeat = long.MinValue;

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
                var wait = UntilNextBeat();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, owner.time);
                lock (gate)
                {
                    if (disposed) return;
                    pending = false;
                }
                try { await callback(); }
                catch (Exception e) { owner.onError?.Invoke(e); }
                lock (gate)
                {
                    if (!pending || disposed) { scheduled = false; return; }
                }
            }
        }

        /// <summary>
        /// The time until the next beat: the next multiple of the interval on the clock after now, and after the beat of
        /// the previous call (a timer that fires a little early must not give two calls around one beat).
        /// </summary>
        TimeSpan UntilNextBeat()
        {
            if (minInterval <= TimeSpan.Zero) return TimeSpan.Zero;
            var length = Math.Max(1, (long)(minInterval.TotalSeconds * owner.time.TimestampFrequency));
            var now = owner.time.GetTimestamp();
            lastBeat = Math.Max(now / length, lastBeat) + 1;
            return TimeSpan.FromSeconds((double)(lastBeat * length - now) / owner.time.TimestampFrequency);
        }

        public void Dispose()
        {
            lock (gate) disposed = true;
            owner.Remove(this);
        }
    }
}
