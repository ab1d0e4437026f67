using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Web.Components.Pages.Cohorts;

/// <summary>
/// What the cohorts page shows for one answer of <see cref="CohortRetention"/>: the retention heatmap (a row per
/// cohort, named with its size; a column per period after the first visit), the two tables (retention and conversion
/// per period) and the heatmap's finding.
/// </summary>
public sealed class CohortsView(CohortRetention retention, CohortPeriod period)
{
    public IReadOnlyList<Cohort> Cohorts => retention.Cohorts;

    /// <summary>"week" or "month": what one period is, in words.</summary>
    public string PeriodName => period.ToString().ToLowerInvariant();

    /// <summary>How many periods the oldest cohort has been followed for (its own included).</summary>
    public int Periods => Cohorts.Count == 0 ? 0 : Cohorts.Max(c => c.Retention.Count);

    /// <summary>What the heatmap's columns count.</summary>
    public string OffsetTitle => $"{period}s after the first visit";

    /// <summary>"Week 0" is the cohort's own period, "Week 1" the one after it.</summary>
    public string Offset(int k) => $"{period} {k}";

    public static string CohortName(Cohort cohort) => $"{Formats.Date(cohort.Start)} ({Formats.Count(cohort.Size)} users)";

    /// <summary>
    /// One series per cohort, oldest first, in percent, a point per period after the first visit (named by its number:
    /// 18 columns of "Week 10" do not fit under a heatmap); a period the data has not reached yet for a cohort is null
    /// (every row has every column, as the heatmap needs).
    /// </summary>
    public IReadOnlyList<ChartSeries> Series => Cohorts.Select(c => new ChartSeries(CohortName(c),
        Enumerable.Range(0, Periods).Select(k => new ChartPoint(k.ToString(CultureInfo.InvariantCulture), k < c.Retention.Count ? Math.Round(c.Retention[k] * 100, 1) : null)).ToList()))
        .ToList();

    /// <summary>How many of all cohorts' users came back in the period after their first, and the cohort that kept the most.</summary>
    public string Finding
    {
        get
        {
            var followed = Cohorts.Where(c => c.Retention.Count > 1).ToList();
            var users = Cohorts.Sum(c => c.Size);
            var intro = $"{Cohorts.Count} {PeriodName}ly cohort{(Cohorts.Count == 1 ? "" : "s")} of {Formats.Count(users)} users.";
            if (followed.Count == 0) return $"{intro} The data does not reach past their first {PeriodName} yet.";
            var back = followed.Sum(c => c.Retention[1] * c.Size) / followed.Sum(c => c.Size);
            var cameBack = $"{intro} {Formats.Percent(back)} of those followed for more than a {PeriodName} came back in the {PeriodName} after their first";
            if (followed.Count == 1) return cameBack + ".";
            var best = followed.MaxBy(c => c.Retention[1])!;
            return $"{cameBack}; the cohort of {Formats.Date(best.Start)} most often ({Formats.Percent(best.Retention[1])}).";
        }
    }

    /// <summary>Cohort start, size, then the share of the cohort per period (retention or conversion); "—" where the data ends.</summary>
    public IReadOnlyList<DataColumn<Cohort>> Columns(Func<Cohort, IReadOnlyList<double>> shares) =>
    [
        new("Cohort start", c => c.Start, c => Formats.Date(c.Start)),
        new("Size", c => c.Size, c => Formats.Count(c.Size), Numeric: true),
        .. Enumerable.Range(0, Periods).Select(k => new DataColumn<Cohort>(Offset(k),
            c => k < shares(c).Count ? shares(c)[k] : null,
            c => k < shares(c).Count ? Share(shares(c)[k]) : "—",
            Numeric: true, RawTitle: $"{Offset(k)} (ratio)")),
    ];

    /// <summary>Most later periods have no one: "0%" reads faster than a column of "0.00%".</summary>
    static string Share(double ratio) => ratio == 0 ? "0%" : Formats.Rate(ratio);

    /// <summary>How the heatmap's table writes a value it plots (in percent).</summary>
    public static string PercentText(double percent) => Formats.Percentage(percent);
}
