using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Web.Components.Pages.Overview;

/// <summary>Everything the Overview shows for one filter, read from one view of the analytics.</summary>
public sealed record OverviewModel(
    DateRange Period,
    DateRange? PreviousPeriod,
    DashboardMetrics Metrics,
    DashboardMetrics? PreviousMetrics,
    FunnelResult Funnel,
    FunnelResult FunnelByDevice,
    IReadOnlyList<DailyConversion> Daily,
    IReadOnlyDictionary<Device, IReadOnlyList<DailyConversion>> DailyByDevice,
    IReadOnlyList<(DateOnly Date, long Sessions)> DailySessionCounts)
{
    public static OverviewModel Load(IAnalyticsView analytics, FunnelFilter filter, DateRange dataRange)
    {
        var period = new DateRange(filter.From ?? dataRange.From, filter.To ?? dataRange.To);
        var previousPeriod = PreviousOf(period, dataRange);
        var previousMetrics = previousPeriod is null ? null
            : analytics.GetMetrics(filter with { From = previousPeriod.From, To = previousPeriod.To });

        return new(
            period,
            previousPeriod,
            analytics.GetMetrics(filter),
            previousMetrics is { Users: > 0 } ? previousMetrics : null,
            analytics.GetFunnel(new FunnelQuery { Filter = filter }),
            analytics.GetFunnel(new FunnelQuery { Filter = filter, Breakdown = Breakdown.Device }),
            analytics.GetDailyConversion(filter),
            Enum.GetValues<Device>().Where(d => filter.Device is null || filter.Device == d)
                .ToDictionary(d => d, d => analytics.GetDailyConversion(filter with { Device = d })),
            analytics.GetDailySessions(filter));
    }

    /// <summary>
    /// The period of equal length just before <paramref name="period"/>, cut at the first valid date (a period reaching
    /// 9999-12-31 has no equal one before 2015); null when it lies before the data.
    /// </summary>
    public static DateRange? PreviousOf(DateRange period, DateRange dataRange)
    {
        if (period.From <= dataRange.From) return null;
        var days = period.To.DayNumber - period.From.DayNumber + 1;
        return new DateRange(DateOnly.FromDayNumber(Math.Max(0, period.From.DayNumber - days)), period.From.AddDays(-1));
    }

    public double? DeviceConversion(Device device, DashboardMetrics? metrics) =>
        metrics?.ConversionByDevice.TryGetValue(Names.Of(device), out var rate) == true ? rate : null;

    public IReadOnlyList<ChartSeries> FunnelSeries =>
        [new("Users", Funnel.Steps.Select(s => new ChartPoint(s.Name, s.Users)).ToList())];

    /// <summary>
    /// Per device that has users (a device filter leaves the other one empty), the share of its starting users
    /// reaching each step after the first (which is always 100 %).
    /// </summary>
    public IReadOnlyList<ChartSeries> ConversionByDeviceSeries =>
        (FunnelByDevice.Groups ?? []).Where(g => g.Steps is [{ Users: > 0 }, ..]).Select(g => new ChartSeries(g.Value,
            g.Steps.Skip(1).Select(s => new ChartPoint(s.Name, Percent(s.ConversionFromStart))).ToList())).ToList();

    /// <summary>Users lost between each step and the next.</summary>
    public IReadOnlyList<ChartSeries> DropOffSeries =>
        [new("Users lost", Funnel.Steps.Zip(Funnel.Steps.Skip(1), (step, next) => new ChartPoint($"{step.Name} → {next.Name}", step.Users - next.Users)).ToList())];

    public IReadOnlyList<ChartSeries> DailyConversionSeries =>
        [new("Conversion", Daily.Select(d => new ChartPoint(Formats.Date(d.Date), Percent(d.Rate))).ToList())];

    public IReadOnlyList<double> DailyStarted => Daily.Select(d => (double)d.Started).ToList();

    public IReadOnlyList<double> DailySessions => DailySessionCounts.Select(d => (double)d.Sessions).ToList();

    public IReadOnlyList<double> DailyRates => Daily.Select(d => d.Rate).ToList();

    /// <summary>The daily conversion of one device, for its tile's sparkline.</summary>
    public IReadOnlyList<double>? DailyRatesOf(Device device) =>
        DailyByDevice.TryGetValue(device, out var days) ? days.Select(d => d.Rate).ToList() : null;

    /// <summary>Charts plot ratios as percentages, rounded to what a reader can see.</summary>
    static double Percent(double ratio) => Math.Round(ratio * 100, 2);
}
