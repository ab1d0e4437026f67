namespace FunnelDashboard.Web.Components.Pages;

/// <summary>
/// The ApexCharts options the pages share (series travel separately), so the same kind of chart looks the same
/// everywhere. A formatter is named ("count", "percent", "percent-label"); wwwroot/js/apex-chart.js resolves it.
/// </summary>
static class ChartOptions
{
    static readonly string[] Palette = ["#0d6efd", "#20c997", "#fd7e14", "#6f42c1"];

    /// <summary>Dark labels on a light box stay readable on any bar, however narrow, in either theme.</summary>
    static object DataLabels(string formatter, int offsetX = 0, int offsetY = 0, string textAnchor = "middle") => new
    {
        enabled = true,
        formatter,
        offsetX,
        offsetY,
        textAnchor,
        style = new { colors = new[] { "#212529" }, fontWeight = 600, fontSize = "11px" },
        background = new { enabled = true, foreColor = "#fff", padding = 4, borderRadius = 3, borderWidth = 0, opacity = 0.9, dropShadow = new { enabled = false } },
    };

    static object Axis(string formatter, string title, int? max = null) =>
        new { min = 0, max, labels = new { formatter }, title = new { text = title } };

    static object Tooltip(string formatter) => new { y = new { formatter } };

    /// <summary>
    /// One horizontal bar per step, each starting at zero, its count at its start: a step that keeps under 1 % of the
    /// users still shows its bar's end and its number (a centred funnel left those labels floating over nothing).
    /// </summary>
    public static readonly object Funnel = new
    {
        chart = new { type = "bar" },
        plotOptions = new { bar = new { horizontal = true, barHeight = "70%", borderRadius = 2, distributed = true, dataLabels = new { position = "bottom" } } },
        colors = Palette,
        dataLabels = DataLabels("count", offsetX: 4, textAnchor: "start"),
        xaxis = new { tickAmount = 4, labels = new { formatter = "count" } },
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

    /// <summary>
    /// Conversion from start (in percent) per step after the first (always 100 %), one bar per group side by side,
    /// on an axis fitted to the data. Each bar carries its value: the last steps (0.2 % against 1.0 % in the
    /// dataset) are the finding, yet only a few pixels high.
    /// </summary>
    public static readonly object GroupedConversion = new
    {
        chart = new { type = "bar" },
        plotOptions = new { bar = new { columnWidth = "70%", borderRadius = 3, dataLabels = new { position = "top" } } },
        colors = Palette,
        dataLabels = DataLabels("percent-label", offsetY: -22),
        grid = new { padding = new { top = 12 } },
        yaxis = Axis("percent", "% of users who started"),
        // Phones: narrower bars, smaller labels, so the two labels of a step do not overlap.
        responsive = new[] { new { breakpoint = 576, options = new { dataLabels = new { style = new { fontSize = "9px" } } } } },
        tooltip = Tooltip("percent"),
        legend = new { position = "top" },
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

    public static readonly object DailyConversion =
        DailyLine("smooth", Axis("percent", "% converted"), new { x = new { format = "yyyy-MM-dd" }, y = new { formatter = "percent" } });

    /// <summary>One value per day as a line on a date axis (the daily conversion, the daily sentiment score).</summary>
    public static object DailyLine(string curve, object yaxis, object tooltip) => new
    {
        chart = new { type = "line" },
        stroke = new { width = 2, curve },
        colors = new[] { "#6f42c1" },
        dataLabels = new { enabled = false },
        xaxis = new { type = "datetime" },
        yaxis,
        tooltip,
    };

    /// <summary>
    /// Conversion per period, one line per group over its 95 % interval band (rangeArea). The series come as every
    /// group's band, then every group's line (so the lines draw over the bands), a group's band and line in one colour.
    /// </summary>
    public static object Trends(int groups)
    {
        var colors = Enumerable.Range(0, groups).Select(g => Palette[g % Palette.Length]).ToList();
        return new
        {
            chart = new { type = "rangeArea" },
            colors = colors.Concat(colors).ToArray(),
            fill = new { opacity = Enumerable.Repeat(0.3, groups).Concat(Enumerable.Repeat(1.0, groups)).ToArray() },
            stroke = new { width = Enumerable.Repeat(0, groups).Concat(Enumerable.Repeat(2, groups)).ToArray(), curve = "straight" },
            dataLabels = new { enabled = false },
            xaxis = new { type = "datetime" },
            yaxis = Axis("rate", "% of starting users who converted"),
            tooltip = new { shared = true, x = new { format = "yyyy-MM-dd" }, y = new { formatter = "rate" } },
            legend = new { position = "top" },
        };
    }

    /// <summary>
    /// Retention (in percent) per cohort (a row) and period after its first (a column), in fixed bands, so a colour
    /// means the same share in every view; cells not reached yet have no label.
    /// </summary>
    public static object Retention(string columnsTitle) => new
    {
        // Animating hundreds of cells or points costs a slow phone seconds of blocked main thread, and shows nothing.
        chart = new { type = "heatmap", animations = new { enabled = false } },
        dataLabels = new { enabled = true, formatter = "percent", style = new { fontSize = "10px", fontWeight = 600 } },
        plotOptions = new
        {
            heatmap = new
            {
                radius = 2,
                enableShades = false,
                colorScale = new
                {
                    // The last range that holds a value colours it: values are rounded to 0.1, so none falls between.
                    ranges = new[]
                    {
                        new { from = 0.0, to = 0.0, name = "0%", color = "#e9ecef", foreColor = "#212529" },
                        new { from = 0.05, to = 1.0, name = "under 1%", color = "#cfe2ff", foreColor = "#212529" },
                        new { from = 1.0, to = 5.0, name = "1-5%", color = "#9ec5fe", foreColor = "#212529" },
                        new { from = 5.0, to = 10.0, name = "5-10%", color = "#6ea8fe", foreColor = "#212529" },
                        new { from = 10.0, to = 25.0, name = "10-25%", color = "#3d8bfd", foreColor = "#212529" },
                        new { from = 25.0, to = 50.0, name = "25-50%", color = "#0a58ca", foreColor = "#ffffff" },
                        new { from = 50.0, to = 100.0, name = "50-100%", color = "#052c65", foreColor = "#ffffff" },
                    },
                },
            },
        },
        // ApexCharts draws the first series at the bottom; reversed, the oldest cohort is the top row, as in the table.
        yaxis = new { reversed = true },
        xaxis = new { title = new { text = columnsTitle } },
        tooltip = Tooltip("percent"),
        legend = new { position = "top" },
        // Phones: cells too small for their numbers (the table has them).
        responsive = new[] { new { breakpoint = 576, options = new { dataLabels = new { enabled = false } } } },
    };

    /// <summary>Users per time bin (bins of growing width, in order).</summary>
    public static readonly object Histogram = new
    {
        chart = new { type = "bar" },
        plotOptions = new { bar = new { columnWidth = "85%", borderRadius = 2 } },
        colors = new[] { "#6f42c1" },
        dataLabels = new { enabled = false },
        yaxis = Axis("count", "Users"),
        tooltip = Tooltip("count"),
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

    /// <summary>Points on two numeric axes, one colour per series (the behavioural clusters' projection).</summary>
    public static readonly object Scatter = new
    {
        chart = new { type = "scatter", zoom = new { enabled = false }, animations = new { enabled = false } },
        colors = new[] { "#0d6efd", "#20c997", "#fd7e14", "#6f42c1", "#d63384", "#198754", "#ffc107", "#0dcaf0", "#6c757d", "#dc3545", "#6610f2", "#adb5bd" },
        markers = new { size = 5, strokeWidth = 0 },
        dataLabels = new { enabled = false },
        xaxis = new { type = "numeric", tickAmount = 6, decimalsInFloat = 2, title = new { text = "Component 1" } },
        yaxis = new { decimalsInFloat = 2, title = new { text = "Component 2" } },
        legend = new { position = "top" },
    };
}
