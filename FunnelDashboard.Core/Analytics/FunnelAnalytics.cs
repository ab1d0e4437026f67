using System.Diagnostics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Storage;
using Microsoft.Extensions.Logging;

namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// The analytics service: holds the current <see cref="EventSnapshot"/>, replaces it atomically on refresh, and tells
/// subscribers. Queries never touch the store, so they stay fast and keep working while the store is down.
/// </summary>
public sealed class FunnelAnalytics(IEventStore store, ILogger<FunnelAnalytics> logger) : IFunnelAnalytics
{
    readonly SemaphoreSlim refreshing = new(1, 1);
    volatile EventSnapshot snapshot = EventSnapshot.Empty;

    public AnalyticsState State { get; private set; } = AnalyticsState.Preparing;
    public string? StatusMessage { get; private set; } = "Loading data…";
    public DateRange? DataRange { get; private set; }
    public EventSnapshot Snapshot => snapshot;
    public event Action? Changed;

    /// <summary>Shows a reason why data is not ready yet (e.g. while seeding), keeping the current snapshot.</summary>
    public void SetPreparing(string message) => SetState(AnalyticsState.Preparing, message);

    public void SetUnavailable(string message) => SetState(AnalyticsState.Unavailable, message);

    /// <summary>Reloads the snapshot from the store. On failure the previous snapshot stays in use and the state says why.</summary>
    public async Task RefreshAsync(CancellationToken ct = default)
    {
        await refreshing.WaitAsync(ct);
        try
        {
            var clock = Stopwatch.StartNew();
            var loaded = await SnapshotLoader.LoadAsync(store, ct);
            snapshot = loaded;
            DataRange = loaded.DataRange;
            logger.LogInformation("Analytics snapshot: {Users:N0} users, {Events:N0} page visits, {Sessions:N0} sessions, loaded in {Ms} ms",
                loaded.UserCount, loaded.EventCount, loaded.SessionCount, clock.ElapsedMilliseconds);
            if (loaded.EventCount == 0) SetState(AnalyticsState.Empty, "No data yet: import a dataset to see the funnel.");
            else SetState(AnalyticsState.Ready, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not load analytics from the {Provider} store", store.Provider);
            SetState(AnalyticsState.Unavailable, $"The {store.Provider} store could not be read: {e.Message}");
        }
        finally
        {
            refreshing.Release();
        }
    }

    public FunnelResult GetFunnel(FunnelQuery query) => FunnelEngine.Compute(snapshot, query);

    public DashboardMetrics GetMetrics(FunnelFilter filter)
    {
        var current = snapshot;
        var (users, sessions) = FunnelEngine.Activity(current, filter);
        var funnel = FunnelEngine.Compute(current, FunnelQuery.Default with { Filter = filter, Breakdown = Breakdown.Device });
        var byDevice = funnel.Groups!.ToDictionary(g => g.Value, g => g.Steps[^1].ConversionFromStart);
        return new DashboardMetrics(users, sessions, funnel.Steps[^1].ConversionFromStart, byDevice);
    }

    public IReadOnlyList<DailyConversion> GetDailyConversion(FunnelFilter filter) =>
        FunnelEngine.Daily(snapshot, FunnelQuery.Default with { Filter = filter });

    public LiveMetrics GetLiveMetrics(DateTime now) => LiveMetrics.Compute(snapshot, now);

    void SetState(AnalyticsState state, string? message)
    {
        State = state;
        StatusMessage = message;
        Changed?.Invoke();
    }
}
