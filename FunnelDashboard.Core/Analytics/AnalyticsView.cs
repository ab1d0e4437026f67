using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

/// <summary>One version of the analytics over one snapshot; answers come from the shared cache.</summary>
public sealed class AnalyticsView(long version, long dataVersion, EventSnapshot snapshot, AnalyticsState state, string? statusMessage, ResultCache cache)
    : IAnalyticsView
{
    public long Version => version;
    /// <summary>Changes only when the snapshot does (a state change keeps it), so cached answers survive state changes.</summary>
    public long DataVersion => dataVersion;
    public EventSnapshot Snapshot => snapshot;
    public AnalyticsState State => state;
    public string? StatusMessage => statusMessage;
    public DateRange? DataRange => snapshot.DataRange;
    public long EventCount => snapshot.EventCount;
    public DateTime? LastEventTime => snapshot.EventCount == 0 ? null : EventSnapshot.ToDateTime(snapshot.LastEventTime);

    public FunnelResult GetFunnel(FunnelQuery query) =>
        cache.GetOrCompute(dataVersion, ("funnel", query), () => FunnelEngine.Compute(snapshot, query));

    public DashboardMetrics GetMetrics(FunnelFilter filter) => cache.GetOrCompute(dataVersion, ("metrics", filter), () =>
    {
        var (users, sessions) = FunnelEngine.Activity(snapshot, filter);
        var funnel = GetFunnel(FunnelQuery.Default with { Filter = filter, Breakdown = Breakdown.Device });
        var byDevice = funnel.Groups!.ToDictionary(g => g.Value, g => g.Steps[^1].ConversionFromStart);
        return new DashboardMetrics(users, sessions, funnel.Steps[^1].ConversionFromStart, byDevice);
    });

    public IReadOnlyList<DailyConversion> GetDailyConversion(FunnelFilter filter) =>
        cache.GetOrCompute(dataVersion, ("daily", filter), () => FunnelEngine.Daily(snapshot, FunnelQuery.Default with { Filter = filter }));

    /// <summary>Shared by every screen asking within the same second.</summary>
    public LiveMetrics GetLiveMetrics(DateTime now)
    {
        var second = new DateTime(UtcTime.Normalize(now).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        return cache.GetOrCompute(dataVersion, ("live", second), () => LiveMetrics.Compute(snapshot, second));
    }

    internal AnalyticsView With(long newVersion, AnalyticsState newState, string? newMessage) =>
        new(newVersion, dataVersion, snapshot, newState, newMessage, cache);
}
