namespace FunnelDashboard.Web.Components.Controls;

/// <summary>One named series of an <see cref="ApexChart"/>; categories travel with the points, so a data update
/// can change them without re-creating the chart.</summary>
/// <param name="Type">The series' own chart type in a mixed chart (e.g. "line", "rangeArea"); null: the chart's type.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points, string? Type = null);

/// <param name="Low">Set for a range (a band from Low to Y, as rangeArea draws); null for a single value.</param>
public sealed record ChartPoint(string X, double? Y, double? Low = null);
