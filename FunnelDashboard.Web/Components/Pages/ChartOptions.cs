namespace FunnelDashboard.Web.Components.Pages;

/// <summary>
/// The ApexCharts options the pages share (series travel separately), so the same kind of chart looks the same
/// everywhere. A formatter is named ("count", "percent", "category-count"); wwwroot/js/apex-chart.js resolves it.
/// </summary>
static class ChartOptions
{
    static readonly string[] Palette = ["#0d6efd", "#20c997", "#fd7e14", "#6f42c1"];

    /// <summary>Dark labels on a light box stay readable on any bar, however narrow, in either theme.</summary>
    static object DataLabels(string formatter) => new
    {
        enabled = true,
        formatter,
        style = new { colors = new[] { "#212529" }, fontWeight = 600 },
        background = new { enabled = true, foreColor = "#fff", padding = 4, borderRadius = 3, borderWidth = 0, opacity = 0.9, dropShadow = new { enabled = false } },
    };

    static object Axis(string formatter, string title, int? max = null) =>
        new { min = 0, max, labels = new { formatter }, title = new { text = title } };

    static object Tooltip(string formatter) => new { y = new { formatter } };

    /// <summary>One horizontal bar per step, centred: the classic funnel.</summary>
    public static readonly object Funnel = new
    {
        chart = new { type = "bar" },
        plotOptions = new { bar = new { horizontal = true, isFunnel = true, barHeight = "80%", borderRadius = 0 } },
        colors = Palette,
        dataLabels = DataLabels("category-count"),
        tooltip = Tooltip("count"),
        legend = new { show = false },
    };

    /// <summary>Users per step, one bar per group side by side.</summary>
    public static readonly object GroupedCounts = new
    {
        chart = new { type = "bar" },
        plotOptions = new { bar = new { columnWidth = "60%", borderRadius = 3 } },
        colors = Palette,
        dataLabels = new { enabled = false },
        yaxis = Axis("count", "Users"),
        tooltip = Tooltip("count"),
        legend = new { position = "top" },
    };

    /// <summary>Conversion from start (in percent) per step, one bar per group side by side.</summary>
    public static readonly object GroupedConversion = new
    {
        chart = new { type = "bar" },
        plotOptions = new { bar = new { columnWidth = "60%", borderRadius = 3 } },
        colors = Palette,
        dataLabels = new { enabled = false },
        yaxis = Axis("percent", "% of users who started", max: 100),
        tooltip = Tooltip("percent"),
        legend = new { position = "top", showForSingleSeries = true },
    };

    public static readonly object DropOff = new
    {
        chart = new { type = "bar" },
        plotOptions = new { bar = new { columnWidth = "50%", borderRadius = 3 } },
        colors = new[] { "#dc3545" },
        dataLabels = DataLabels("count"),
        yaxis = Axis("count", "Users lost"),
        tooltip = Tooltip("count"),
    };

    public static readonly object DailyConversion = new
    {
        chart = new { type = "line" },
        stroke = new { width = 2, curve = "smooth" },
        colors = new[] { "#6f42c1" },
        dataLabels = new { enabled = false },
        xaxis = new { type = "datetime" },
        yaxis = Axis("percent", "% converted"),
        tooltip = new { x = new { format = "yyyy-MM-dd" }, y = new { formatter = "percent" } },
    };

    /// <summary>Actual and forecast visits per day as lines over the forecast's interval bands (rangeArea).</summary>
    public static readonly object Forecast = new
    {
        chart = new { type = "rangeArea" },
        colors = new[] { "#9ec5fe", "#6ea8fe", "#212529", "#0d6efd", "#fd7e14", "#20c997" },
        fill = new { opacity = new[] { 0.35, 0.5, 1, 1, 1, 1 } },
        stroke = new { width = new[] { 0, 0, 2, 3, 2, 2 }, curve = "straight", dashArray = new[] { 0, 0, 0, 0, 5, 5 } },
        dataLabels = new { enabled = false },
        xaxis = new { type = "datetime" },
        yaxis = new { min = 0, labels = new { formatter = "count" }, title = new { text = "Visits per day" } },
        tooltip = new { shared = true, x = new { format = "yyyy-MM-dd" } },
        legend = new { position = "top" },
    };
}
