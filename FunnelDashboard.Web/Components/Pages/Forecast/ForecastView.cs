using FunnelDashboard.ML.Forecasting;
using FunnelDashboard.Web.Components.Controls;
using FunnelDashboard.Web.Forecasting;

namespace FunnelDashboard.Web.Components.Pages.Forecast;

/// <summary>One model's held-out accuracy, as the metrics table shows it (the API's <see cref="ModelMetrics"/>).</summary>
public sealed record MetricsRow(string Model, ModelMetrics Metrics);

/// <summary>
/// What the forecast page (and the wall's forecast panel) shows for one series: the last <see cref="ActualDays"/> (or
/// <c>actualDays</c>) days of visits, the forecast with both intervals, the two baselines over the same days, and the
/// served model's held-out metrics.
/// </summary>
public sealed class ForecastView
{
    public const int ActualDays = 90;

    public ForecastView(SeriesForecast forecast, DailySeries actuals, int actualDays = ActualDays)
    {
        Forecast = forecast;
        int first = Math.Max(0, actuals.Length - actualDays);
        Actuals = Enumerable.Range(first, actuals.Length - first).Select(i => (actuals.DateAt(i), (double)actuals.Values[i])).ToList();
        var filled = GapFilling.Fill(actuals.Values);
        int origin = actuals.Length - 1;
        Naive = Baseline(Baselines.Naive);
        SeasonalNaive = Baseline(Baselines.SeasonalNaive);
        Metrics = ModelMetrics.Of(forecast.Model.Evaluation).Select(m => new MetricsRow(m.Key, m.Value)).ToList();

        IReadOnlyList<ChartPoint> Baseline(Func<float[], int, int, float> baseline) =>
            forecast.Points.Select((p, step) => new ChartPoint(Formats.Date(p.Date), baseline(filled, origin, step + 1))).ToList();
    }

    public SeriesForecast Forecast { get; }
    public IReadOnlyList<(DateOnly Date, double Visits)> Actuals { get; }
    public IReadOnlyList<ChartPoint> Naive { get; }
    public IReadOnlyList<ChartPoint> SeasonalNaive { get; }
    public IReadOnlyList<MetricsRow> Metrics { get; }

    /// <summary>Bands first, so the lines draw over them.</summary>
    public IReadOnlyList<ChartSeries> Series(bool naive, bool seasonalNaive)
    {
        var points = Forecast.Points;
        var series = new List<ChartSeries>
        {
            new("95 % interval", points.Select(p => new ChartPoint(Formats.Date(p.Date), p.Upper95, p.Lower95)).ToList(), "rangeArea"),
            new("80 % interval", points.Select(p => new ChartPoint(Formats.Date(p.Date), p.Upper80, p.Lower80)).ToList(), "rangeArea"),
            new("Actual visits", Actuals.Select(a => new ChartPoint(Formats.Date(a.Date), a.Visits)).ToList(), "line"),
            new("Forecast", points.Select(p => new ChartPoint(Formats.Date(p.Date), p.Value)).ToList(), "line"),
        };
        if (naive) series.Add(new("Naive", Naive, "line"));
        if (seasonalNaive) series.Add(new("Seasonal naive", SeasonalNaive, "line"));
        return series;
    }

    public static IReadOnlyList<DataColumn<MetricsRow>> Columns { get; } =
    [
        new("Model", r => r.Model),
        new("MAPE", r => r.Metrics.Mape, r => r.Metrics.Mape is { } v ? Formats.Percentage(v) : "—", Numeric: true),
        new("RMSE", r => r.Metrics.Rmse, r => Number(r.Metrics.Rmse), Numeric: true),
        new("MAE", r => r.Metrics.Mae, r => Number(r.Metrics.Mae), Numeric: true),
        new("R²", r => r.Metrics.R2, r => r.Metrics.R2 is { } v ? v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "—", Numeric: true),
        new("Forecasts scored", r => r.Metrics.Count, r => Formats.Count(r.Metrics.Count), Numeric: true),
    ];

    static string Number(double? value) => value is { } v ? v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
