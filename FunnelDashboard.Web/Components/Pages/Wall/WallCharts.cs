using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Web.Components.Pages.Wall;

/// <summary>
/// The wall's charts: the pages' chart kinds, with type sized to be read from across a room and no toolbar (nobody
/// touches a wall). Formatters are named, as in <see cref="ChartOptions"/>.
/// </summary>
static class WallCharts
{
    const string Large = "28px";
    const string Medium = "22px";
    static readonly string[] Palette = ["#6ea8fe", "#3dd5a0", "#feb272", "#c29ffa"];
    static readonly object NoToolbar = new { show = false };

    static object Axis(string formatter, string title, int? max = null) =>
        new { min = 0, max, labels = new { formatter, style = new { fontSize = Medium } }, title = new { text = title, style = new { fontSize = Medium } } };

    static readonly object CategoryLabels = new { labels = new { style = new { fontSize = Medium } } };

    public static readonly object Funnel = new
    {
        chart = new { type = "bar", toolbar = NoToolbar },
        plotOptions = new { bar = new { horizontal = true, isFunnel = true, barHeight = "85%", borderRadius = 0 } },
        colors = Palette,
        dataLabels = new
        {
            enabled = true,
            formatter = "category-count",
            // Dark on a light box: readable on a bar narrower than its label, too.
            style = new { fontSize = Large, colors = new[] { "#0b0f14" }, fontWeight = 700 },
            background = new { enabled = true, foreColor = "#f1f3f5", padding = 8, borderRadius = 4, borderWidth = 0, opacity = 0.95, dropShadow = new { enabled = false } },
            dropShadow = new { enabled = false },
        },
        tooltip = new { enabled = false },
        legend = new { show = false },
    };

    public static readonly object ConversionByDevice = new
    {
        chart = new { type = "bar", toolbar = NoToolbar },
        plotOptions = new { bar = new { columnWidth = "60%", borderRadius = 4 } },
        colors = Palette,
        dataLabels = new { enabled = false },
        xaxis = CategoryLabels,
        yaxis = Axis("percent", "% of users who started", max: 100),
        tooltip = new { enabled = false },
        legend = new { position = "top", fontSize = Large, showForSingleSeries = true },
    };

    public static readonly object EventsByMinute = new
    {
        chart = new { type = "bar", toolbar = NoToolbar },
        plotOptions = new { bar = new { columnWidth = "80%", borderRadius = 2 } },
        colors = Palette,
        dataLabels = new { enabled = false },
        xaxis = new { tickAmount = 12, labels = new { rotate = 0, style = new { fontSize = Medium } } },
        yaxis = Axis("count", "Events"),
        tooltip = new { enabled = false },
        legend = new { show = false },
    };

    /// <summary>The forecast page's chart (bands, then actuals and forecast), in the wall's type sizes and palette.</summary>
    public static readonly object Forecast = new
    {
        chart = new { type = "rangeArea", toolbar = NoToolbar },
        colors = new[] { "#6ea8fe", "#6ea8fe", "#f1f3f5", "#feb272" },
        fill = new { opacity = new[] { 0.25, 0.45, 1, 1 } },
        stroke = new { width = new[] { 0, 0, 3, 4 }, curve = "straight" },
        dataLabels = new { enabled = false },
        xaxis = new { type = "datetime", labels = new { style = new { fontSize = Medium } } },
        yaxis = Axis("count", "Visits per day"),
        tooltip = new { enabled = false },
        legend = new { position = "top", fontSize = Large },
    };

    public static IReadOnlyList<ChartSeries> FunnelSeries(LiveMetrics live) =>
        [new("Users", live.TodayFunnelByDevice.Steps.Select(s => new ChartPoint(s.Name, s.Users)).ToList())];

    public static IReadOnlyList<ChartSeries> ConversionByDeviceSeries(LiveMetrics live) =>
        (live.TodayFunnelByDevice.Groups ?? []).Select(g => new ChartSeries(g.Value,
            g.Steps.Select(s => new ChartPoint(s.Name, Math.Round(s.ConversionFromStart * 100, 2))).ToList())).ToList();

    /// <summary>Each bar is labelled with the clock time (UTC) its minute started.</summary>
    public static IReadOnlyList<ChartSeries> EventsByMinuteSeries(LiveMetrics live, DateTime now)
    {
        var count = live.EventsByMinute.Count;
        return [new("Events", live.EventsByMinute.Select((events, i) =>
            new ChartPoint(now.AddMinutes(i - count).ToString("HH:mm", CultureInfo.InvariantCulture), events)).ToList())];
    }
}
