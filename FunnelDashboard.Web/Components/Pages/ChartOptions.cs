namespace FunnelDashboard.Web.Components.Pages;

/// <summary>The ApexCharts options the pages share (series travel separately), so the same kind of chart looks the same everywhere.</summary>
static class ChartOptions
{
    static readonly string[] Palette = ["#0d6efd", "#20c997", "#fd7e14", "#6f42c1"];

    /// <summary>One horizontal bar per step, centred: the classic funnel.</summary>
    public static readonly object Funnel = new
    {
        chart = new { type = "bar" },
        plotOptions = new { bar = new { horizontal = true, isFunnel = true, barHeight = "80%", borderRadius = 0 } },
        colors = Palette,
        dataLabels = new { enabled = true },
        legend = new { show = false },
    };

    /// <summary>Users per step, one bar per group side by side.</summary>
    public static readonly object GroupedCounts = new
    {
        chart = new { type = "bar" },
        plotOptions = new { bar = new { columnWidth = "60%", borderRadius = 3 } },
        colors = Palette,
        dataLabels = new { enabled = false },
        yaxis = new { min = 0, title = new { text = "Users" } },
        legend = new { position = "top" },
    };

    /// <summary>Conversion from start (in percent) per step, one bar per group side by side.</summary>
    public static readonly object GroupedConversion = new
    {
        chart = new { type = "bar" },
        plotOptions = new { bar = new { columnWidth = "60%", borderRadius = 3 } },
        colors = Palette,
        dataLabels = new { enabled = false },
        yaxis = new { min = 0, max = 100, title = new { text = "% of users who started" } },
        legend = new { position = "top", showForSingleSeries = true },
    };

    public static readonly object DropOff = new
    {
        chart = new { type = "bar" },
        plotOptions = new { bar = new { columnWidth = "50%", borderRadius = 3 } },
        colors = new[] { "#dc3545" },
        dataLabels = new { enabled = true },
        yaxis = new { min = 0, title = new { text = "Users lost" } },
    };

    public static readonly object DailyConversion = new
    {
        chart = new { type = "line" },
        stroke = new { width = 2, curve = "smooth" },
        colors = new[] { "#6f42c1" },
        xaxis = new { type = "datetime" },
        yaxis = new { min = 0, title = new { text = "% converted" } },
        tooltip = new { x = new { format = "yyyy-MM-dd" } },
    };
}
