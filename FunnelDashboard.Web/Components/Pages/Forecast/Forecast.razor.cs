using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;
using FunnelDashboard.Web.Forecasting;
using Microsoft.AspNetCore.Components;

namespace FunnelDashboard.Web.Components.Pages.Forecast;

/// <summary>
/// The forecast of one series. Its state is the URL's query string in the API's grammar (page, days_ahead) plus
/// overlay (naive, seasonal_naive); until a model exists it shows the training progress, and it follows
/// <see cref="ForecastService.Changed"/>, so a newly trained version shows without a reload.
/// </summary>
public sealed partial class Forecast
{
    const string NaiveOverlay = "naive", SeasonalOverlay = "seasonal_naive";
    static readonly (string Name, string Label)[] Overlays = [(NaiveOverlay, "Naive"), (SeasonalOverlay, "Seasonal naive")];

    [Inject] ForecastService Forecasts { get; set; } = default!;

    ForecastQuery query = Default;
    IReadOnlySet<string> overlays = new HashSet<string>();
    ForecastView? view;
    string? unavailable;

    static ForecastQuery Default => new(ForecastQuery.MaxDaysAhead, ForecastQuery.PageVisits, null);

    string SeriesLabel => query.Series == VisitSeries.Total ? "All pages" : query.Series;

    string CoverageText
    {
        get
        {
            var coverage = IntervalCoverage.Of(view!.Forecast.Model.Evaluation);
            string Share(double? share) => share is { } s ? Formats.Percent(s) : "—";
            return $"{Formats.Date(view.Forecast.Model.Evaluation.TestStart)} to {Formats.Date(view.Forecast.Model.Evaluation.TestEnd)}; " +
                   $"inside the 80 % interval: {Share(coverage.Interval80)}, inside the 95 %: {Share(coverage.Interval95)}";
        }
    }

    protected override void OnInitialized()
    {
        Follow(changed => Forecasts.Changed += changed, changed => Forecasts.Changed -= changed, Recompute);
        base.OnInitialized();
    }

    protected override void OnQueryChanged(Func<string, string?> parameter)
    {
        var requested = (parameter("overlay") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = requested.Where(o => Overlays.All(known => known.Name != o))
            .Select(o => $"Unknown overlay '{o}'. Known overlays: {NaiveOverlay}, {SeasonalOverlay}.");
        query = ReadQuery(ForecastQuery.Parse(name => name == "metric" ? null : parameter(name)), Default, unknown);
        overlays = requested.ToHashSet();
        Recompute();
    }

    /// <summary>The forecast and its actuals (the forecast service reads the newest data itself).</summary>
    protected override Action Compute(IAnalyticsView analytics)
    {
        var (currentQuery, invalid) = (query, QueryErrors is not null);
        if (invalid) return () => (view, unavailable) = (null, null);
        if (Forecasts.TryForecast(currentQuery.Series, currentQuery.DaysAhead, out var forecast, out var why) && Forecasts.Actuals.TryGetValue(currentQuery.Series, out var actuals))
        {
            var computed = new ForecastView(forecast, actuals);
            return () => (view, unavailable) = (computed, null);
        }
        return () => (view, unavailable) = (null, why);
    }

    void Show(ForecastQuery next, IReadOnlySet<string> nextOverlays) => NavigateToQuery(new Dictionary<string, string?>
    {
        ["page"] = next.Page is null ? null : next.Series,
        ["days_ahead"] = next.DaysAhead == ForecastQuery.MaxDaysAhead ? null : next.DaysAhead.ToString(CultureInfo.InvariantCulture),
        ["overlay"] = nextOverlays.Count == 0 ? null : string.Join(',', Overlays.Select(o => o.Name).Where(nextOverlays.Contains)),
    });

    void SetSeries(object? value)
    {
        if (ForecastQuery.Create(query.DaysAhead, query.Metric, value as string).Value is { } next) Show(next, overlays);
    }

    void SetDays(object? value)
    {
        if (int.TryParse(value as string, NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            && ForecastQuery.Create(days, query.Metric, query.Page is null ? null : query.Series).Value is { } next)
            Show(next, overlays);
    }

    void ToggleOverlay(string name)
    {
        var next = overlays.ToHashSet();
        if (!next.Remove(name)) next.Add(name);
        Show(query, next);
    }
}
