using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Web.Components.Pages.Trends;

/// <summary>One period of one group, as a row of the trends table.</summary>
public sealed record TrendRow(string Group, TrendPeriod Period);

/// <summary>
/// What the trends page shows for one answer of <see cref="ConversionTrends"/>: per group (or for all users) the rate
/// per period as a line over its 95 % Wilson band, the table's rows, and the chart's finding.
/// </summary>
public sealed class TrendsView
{
    public const string AllUsers = "All users";

    public TrendsView(ConversionTrends trends, Granularity granularity)
    {
        Granularity = granularity;
        ByGroup = trends.Groups is not null;
        // A group the filter excludes (device=Mobile, by device) has nobody to draw.
        IReadOnlyList<TrendGroup> groups = trends.Groups ?? [new TrendGroup(AllUsers, trends.Periods)];
        Groups = groups.Where(g => g.Periods.Any(p => p.Users > 0)).ToList();
    }

    public Granularity Granularity { get; }

    /// <summary>Whether the view has a breakdown (or shows all users as one).</summary>
    public bool ByGroup { get; }

    /// <summary>The groups with users; none when nobody started the funnel in the view.</summary>
    public IReadOnlyList<TrendGroup> Groups { get; }

    /// <summary>"day", "week", "month": what one period is, in words.</summary>
    public string PeriodName => Granularity.ToString().ToLowerInvariant();

    /// <summary>
    /// Every group's band, then every group's line (see <see cref="ChartOptions.Trends"/>), in percent. A period
    /// without users has no rate: it is left out rather than drawn as 0 % with a band from 0 to 100 %.
    /// </summary>
    public IReadOnlyList<ChartSeries> Series =>
    [
        .. Groups.Select(g => new ChartSeries($"{g.Value}: 95 % interval",
            Started(g).Select(p => new ChartPoint(Formats.Date(p.Start), Percent(p.Upper), Percent(p.Lower))).ToList(), "rangeArea")),
        .. Groups.Select(g => new ChartSeries(g.Value,
            Started(g).Select(p => new ChartPoint(Formats.Date(p.Start), Percent(p.Rate))).ToList(), "line")),
    ];

    public IReadOnlyList<TrendRow> Rows => Groups.SelectMany(g => g.Periods.Select(p => new TrendRow(g.Value, p))).ToList();

    /// <summary>Each group's rate over the whole view, and the range of its rates per period.</summary>
    public string Finding
    {
        get
        {
            if (Groups.Count == 0) return "No users started the funnel in this view.";
            var each = Groups.Select(g =>
            {
                var started = Started(g).ToList();
                var overall = (double)started.Sum(p => p.Conversions) / started.Sum(p => p.Users);
                var range = started.Count < 2 ? ""
                    : $" (by {PeriodName} from {Formats.Rate(started.Min(p => p.Rate))} to {Formats.Rate(started.Max(p => p.Rate))})";
                return !ByGroup
                    ? $"{Formats.Rate(overall)} of the starting users converted{range}"
                    : $"{g.Value} converted at {Formats.Rate(overall)}{range}";
            }).ToList();
            return $"Over the whole view {(each.Count == 1 ? each[0] : $"{string.Join(", ", each[..^1])} and {each[^1]}")}.";
        }
    }

    public static string Adjective(Granularity granularity) => granularity switch
    {
        Granularity.Week => "weekly",
        Granularity.Month => "monthly",
        _ => "daily",
    };

    /// <summary>The table's columns; a group column only with a breakdown.</summary>
    public IReadOnlyList<DataColumn<TrendRow>> Columns => ByGroup ? AllColumns : [.. AllColumns.Where(c => c.Title != "Group")];

    static readonly IReadOnlyList<DataColumn<TrendRow>> AllColumns =
    [
        new("Period start", r => r.Period.Start, r => Formats.Date(r.Period.Start)),
        new("Group", r => r.Group),
        new("Users", r => r.Period.Users, r => Formats.Count(r.Period.Users), Numeric: true),
        new("Conversions", r => r.Period.Conversions, r => Formats.Count(r.Period.Conversions), Numeric: true),
        new("Rate", r => r.Period.Rate, r => RateText(r, r.Period.Rate), Numeric: true, RawTitle: "Rate (ratio)"),
        new("95 % low", r => r.Period.Lower, r => RateText(r, r.Period.Lower), Numeric: true, RawTitle: "95 % low (ratio)"),
        new("95 % high", r => r.Period.Upper, r => RateText(r, r.Period.Upper), Numeric: true, RawTitle: "95 % high (ratio)"),
    ];

    /// <summary>How the chart's table writes a value it plots (in percent).</summary>
    public static string PercentText(double percent) => Formats.Rate(percent / 100);

    static string RateText(TrendRow row, double ratio) => row.Period.Users == 0 ? "—" : Formats.Rate(ratio);

    static IEnumerable<TrendPeriod> Started(TrendGroup group) => group.Periods.Where(p => p.Users > 0);

    static double Percent(double ratio) => Math.Round(ratio * 100, 3);
}
