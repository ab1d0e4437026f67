using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.ML.Forecasting;

namespace FunnelDashboard.Web.Forecasting;

/// <summary>The series the app forecasts, one model each: site-wide page visits ("total") and each page's visits (its API name).</summary>
public static class VisitSeries
{
    public const string Total = ForecastModelRegistry.TotalSeriesKey;

    public static IReadOnlyList<string> Keys { get; } = [Total, .. Names.AllPages.Select(Names.Of)];

    public static string KeyOf(FunnelPage? page) => page is { } p ? Names.Of(p) : Total;

    /// <summary>Every series over the snapshot's days, by key; empty when the snapshot has no visits.</summary>
    public static IReadOnlyDictionary<string, DailySeries> From(EventSnapshot snapshot)
    {
        var visits = DailyVisits.Of(snapshot);
        if (visits.Total.Count == 0) return new Dictionary<string, DailySeries>();
        var series = new Dictionary<string, DailySeries> { [Total] = ToSeries(visits.Total) };
        foreach (var (page, days) in visits.ByPage) series[Names.Of(page)] = ToSeries(days);
        return series;
    }

    static DailySeries ToSeries(IReadOnlyList<(DateOnly Date, long Visits)> days) => DailySeries.FromPoints(days.Select(d => (d.Date, (double)d.Visits)));
}
