namespace FunnelDashboard.Web.Components.Controls;

/// <summary>One named series of an <see cref="ApexChart"/>; categories travel with the points, so a data update
/// can change them without re-creating the chart.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);

public sealed record ChartPoint(string X, double? Y);
