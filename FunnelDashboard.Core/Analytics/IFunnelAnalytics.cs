using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// The analytics the UI and API read, over the in-memory snapshot of the store. A singleton; it raises
/// <see cref="Changed"/> whenever the snapshot is replaced (after seeding, an import or a refresh).
/// </summary>
public interface IFunnelAnalytics
{
    AnalyticsState State { get; }
    /// <summary>Why the state is not Ready, for a banner; null when Ready.</summary>
    string? StatusMessage { get; }
    /// <summary>First and last event dates in the data; null when empty.</summary>
    DateRange? DataRange { get; }
    event Action? Changed;

    FunnelResult GetFunnel(FunnelQuery query);
    DashboardMetrics GetMetrics(FunnelFilter filter);
    /// <summary>Per day of the filter's range: users who started the default funnel that day and how many reached its last step.</summary>
    IReadOnlyList<DailyConversion> GetDailyConversion(FunnelFilter filter);
    /// <summary>Today's and the last hour's numbers for a live display, as of <paramref name="now"/>.</summary>
    LiveMetrics GetLiveMetrics(DateTime now);
}
