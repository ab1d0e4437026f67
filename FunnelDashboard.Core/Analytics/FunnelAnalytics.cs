using System.Diagnostics;
using FunnelDashboard.Core.Common;
using FunnelDashboard.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// The analytics service: grows the snapshot by what is new in the store (<see cref="RefreshAsync"/>, called by the
/// app's refresh loop), publishes each result as a new immutable <see cref="AnalyticsView"/>, and tells subscribers,
/// throttled per subscriber. Queries never touch the store, so they stay fast and keep working while it is down.
/// </summary>
public sealed class FunnelAnalytics : IFunnelAnalytics
{
    readonly IEventStore store;
    readonly ILogger<FunnelAnalytics> logger;
    readonly ResultCache cache;
    readonly ChangeNotifier notifier;
    readonly SemaphoreSlim refreshing = new(1, 1);
    readonly SemaphoreSlim refreshRequested = new(0, 1);
    readonly Lock publishing = new();
    long dataVersion;
    volatile string? problem;
    volatile AnalyticsView current;

    public FunnelAnalytics(IEventStore store, IOptions<AnalyticsOptions> options, ILogger<FunnelAnalytics> logger)
    {
        this.store = store;
        this.logger = logger;
        cache = new ResultCache(options.Value.CacheCapacity);
        notifier = new ChangeNotifier(TimeProvider.System, e => logger.LogError(e, "An analytics subscriber failed"));
        current = new AnalyticsView(1, 0, EventSnapshot.Empty, AnalyticsState.Preparing, "Loading data…", cache);
    }

    public IAnalyticsView Current => current;
    public EventSnapshot Snapshot => current.Snapshot;

    public IDisposable Subscribe(Func<Task> onChanged, TimeSpan minInterval) => notifier.Subscribe(onChanged, minInterval);

    /// <summary>Shows a reason why data is not ready yet (e.g. while seeding), keeping the current snapshot.</summary>
    public void SetPreparing(string message) => PublishState(AnalyticsState.Preparing, message);

    /// <summary>Says why the data cannot be read right now; the next successful refresh clears it.</summary>
    public void SetUnavailable(string message) => PublishState(AnalyticsState.Unavailable, message);

    /// <summary>
    /// A problem that stands until the app restarts (e.g. the seed dataset could not be imported): the state stays
    /// Unavailable with this message, whatever data there is.
    /// </summary>
    public void ReportProblem(string message)
    {
        problem = message;
        SetUnavailable(message);
    }

    /// <summary>Asks for a refresh now rather than at the next poll (another instance said it stored new events).</summary>
    public void RequestRefresh()
    {
        lock (publishing)
            if (refreshRequested.CurrentCount == 0) refreshRequested.Release();
    }

    /// <summary>Waits until a refresh is asked for or <paramref name="timeout"/> passes (the refresh loop's pause).</summary>
    public Task WaitForRefreshRequestAsync(TimeSpan timeout, CancellationToken ct) => refreshRequested.WaitAsync(timeout, ct);

    /// <summary>
    /// Grows the snapshot by the visits stored since the last refresh. On failure the current snapshot stays in use,
    /// the state says why, and the next refresh tries again. Returns the view now current.
    /// </summary>
    public async Task<IAnalyticsView> RefreshAsync(CancellationToken ct = default)
    {
        await refreshing.WaitAsync(ct);
        try
        {
            var clock = Stopwatch.StartNew();
            var before = current.Snapshot;
            var grown = await SnapshotLoader.GrowAsync(store, before, ct);
            if (!ReferenceEquals(grown, before))
                logger.Log(before.EventCount == 0 ? LogLevel.Information : LogLevel.Debug,
                    "Analytics snapshot: {Users:N0} users, {Events:N0} page visits (+{New:N0}), {Sessions:N0} sessions, in {Ms} ms",
                    grown.UserCount, grown.EventCount, grown.EventCount - before.EventCount, grown.SessionCount, clock.ElapsedMilliseconds);
            var (state, message) = problem is not null ? (AnalyticsState.Unavailable, problem)
                : grown.EventCount == 0 ? (AnalyticsState.Empty, "No data yet: import a dataset or send events to see the funnel.")
                : (AnalyticsState.Ready, (string?)null);
            Publish(grown, state, message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (current.State != AnalyticsState.Unavailable)
                logger.LogError(e, "Could not read new data from the {Provider} store; retrying", store.Provider);
            var snapshot = current.Snapshot;
            PublishState(AnalyticsState.Unavailable, snapshot.EventCount == 0
                ? $"The {store.Provider} store cannot be read; retrying."
                : $"The {store.Provider} store cannot be read; showing the data up to {EventSnapshot.ToDateTime(snapshot.LastEventTime):yyyy-MM-dd HH:mm} UTC; retrying.");
        }
        finally
        {
            refreshing.Release();
        }
        return current;
    }

    void PublishState(AnalyticsState state, string? message) => Publish(current.Snapshot, state, message);

    /// <summary>Makes a new view current when the data or the state changed, and tells subscribers.</summary>
    void Publish(EventSnapshot snapshot, AnalyticsState state, string? message)
    {
        lock (publishing)
        {
            var view = current;
            var sameData = ReferenceEquals(snapshot, view.Snapshot);
            if (sameData && view.State == state && view.StatusMessage == message) return;
            current = sameData
                ? view.With(view.Version + 1, state, message)
                : new AnalyticsView(view.Version + 1, ++dataVersion, snapshot, state, message, cache);
        }
        notifier.Notify();
    }
}
