using FunnelDashboard.Core.Analytics;

namespace FunnelDashboard.Web.Components.Pages.Funnel;

/// <summary>What the funnel page shows for one view: the funnel, with a breakdown whether its groups differ, and the time to convert.</summary>
public sealed record FunnelView(FunnelResult Funnel, FunnelSignificance? Significance, TimeToConvert TimeToConvert);
