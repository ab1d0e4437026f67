namespace FunnelDashboard.Web.Components.Pages.Sentiment;

/// <summary>The sentiment page's ApexCharts options (formatters are named; wwwroot/js/apex-chart.js resolves them).</summary>
static class SentimentCharts
{
    /// <summary>Score (−1 to 1) and confidence (0 to 1) side by side per page, on one axis.</summary>
    public static readonly object Score = new
    {
        chart = new { type = "bar" },
        plotOptions = new { bar = new { columnWidth = "60%", borderRadius = 3 } },
        colors = new[] { "#0d6efd", "#adb5bd" },
        dataLabels = new { enabled = false },
        yaxis = new { min = -1, max = 1, tickAmount = 4, decimalsInFloat = 1, title = new { text = "Score and confidence" } },
        legend = new { position = "top" },
    };

    /// <summary>Frustrated, engaged and satisfied patterns stacked per page.</summary>
    public static readonly object Mix = new
    {
        chart = new { type = "bar", stacked = true },
        plotOptions = new { bar = new { columnWidth = "60%" } },
        colors = new[] { "#dc3545", "#0d6efd", "#198754" },
        dataLabels = new { enabled = false },
        yaxis = new { min = 0, labels = new { formatter = "count" }, title = new { text = "Patterns" } },
        tooltip = new { y = new { formatter = "count" } },
        legend = new { position = "top" },
    };

    public static readonly object Trend = ChartOptions.DailyLine("straight",
        new { min = -1, max = 1, tickAmount = 4, decimalsInFloat = 1, title = new { text = "Daily score" } }, new { x = new { format = "yyyy-MM-dd" } });
}
