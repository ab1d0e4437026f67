using FunnelDashboard.ML.Forecasting;
using FunnelDashboard.Web.Components.Pages.Forecast;
using FunnelDashboard.Web.Forecasting;

namespace FunnelDashboard.Tests.Web;

public class ForecastViewTests
{
    static readonly DateOnly Start = new(2025, 1, 1);

    /// <summary>100 days of visits 1, 2, ..., 100, and a 2-day forecast after them.</summary>
    static ForecastView View()
    {
        var actuals = new DailySeries(Start, Enumerable.Range(1, 100).Select(i => (float)i).ToArray());
        var metrics = new ForecastMetrics(4, 2, 2, 10, 0.5, 14, 0);
        var evaluation = new ForecastEvaluation(metrics, metrics with { Mape = 20 }, metrics with { Mape = 15 },
            Start.AddDays(80), Start.AddDays(99), 2, 14, 0, 0.8, 0.95);
        var info = new ModelVersionInfo("total", 3, DateTimeOffset.UnixEpoch, Start, actuals.End, 0, new ForecastOptions(), evaluation, 10, 8, 0.1f, true);
        var points = new[]
        {
            new ForecastPoint(actuals.End.AddDays(1), 101, 95, 108, 90, 115),
            new ForecastPoint(actuals.End.AddDays(2), 102, 96, 109, 91, 116),
        };
        return new ForecastView(new SeriesForecast("total", info, actuals.End, points), actuals);
    }

    [Fact]
    public void Shows_the_last_90_days_and_the_baselines_from_the_last_observed_day()
    {
        var view = View();

        Assert.Equal(90, view.Actuals.Count);
        Assert.Equal((Start.AddDays(10), 11.0), view.Actuals[0]);
        Assert.Equal([100.0, 100.0], view.Naive.Select(p => p.Y));          // the last value, repeated
        Assert.Equal([94.0, 95.0], view.SeasonalNaive.Select(p => p.Y));    // the same weekday a week before
        Assert.Equal(["2025-04-11", "2025-04-12"], view.Naive.Select(p => p.X));
    }

    [Fact]
    public void Draws_both_intervals_as_bands_under_the_lines_and_the_overlays_only_when_asked()
    {
        var view = View();

        var plain = view.Series(naive: false, seasonalNaive: false);
        var all = view.Series(naive: true, seasonalNaive: true);

        Assert.Equal(["95 % interval", "80 % interval", "Actual visits", "Forecast"], plain.Select(s => s.Name));
        Assert.Equal(["rangeArea", "rangeArea", "line", "line"], plain.Select(s => s.Type));
        Assert.Equal([(90.0, 115.0), (91.0, 116.0)], plain[0].Points.Select(p => (p.Low!.Value, p.Y!.Value)));
        Assert.Equal([(95.0, 108.0), (96.0, 109.0)], plain[1].Points.Select(p => (p.Low!.Value, p.Y!.Value)));
        Assert.Equal(["Naive", "Seasonal naive"], all.Skip(4).Select(s => s.Name));
    }

    [Fact]
    public void The_metrics_table_holds_the_api_metrics_of_the_model_and_both_baselines()
    {
        var view = View();

        Assert.Equal(["lstm", "naive", "seasonal_naive"], view.Metrics.Select(m => m.Model));
        Assert.Equal([10.0, 20.0, 15.0], view.Metrics.Select(m => m.Metrics.Mape!.Value));
        Assert.Equal(["lstm", "10.0%", "2.0", "2.0", "0.500", "14"], ForecastView.Columns.Select(c => c.Text(view.Metrics[0])));
    }
}
