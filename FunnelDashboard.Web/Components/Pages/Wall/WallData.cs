using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Pages.Forecast;

namespace FunnelDashboard.Web.Components.Pages.Wall;

/// <summary>What the wall shows from one view: the live numbers as of <paramref name="At"/>, and the next days' visits or why there are none.</summary>
public sealed record WallData(LiveMetrics Live, DateTimeOffset At, ForecastView? Forecast, string? ForecastUnavailable);
