namespace FunnelDashboard.Core.Analytics;

public enum Granularity { Day, Week, Month }

/// <summary>Conversion trends: the filter, the period length and an optional breakdown (parameters from, to, device, sex, granularity, breakdown).</summary>
public sealed record TrendsQuery(FunnelFilter Filter, Granularity Granularity = Granularity.Day, Breakdown Breakdown = Breakdown.None)
{
    public static QueryParseResult<TrendsQuery> Parse(Func<string, string?> parameter) => QueryGrammar.Parse(parameter, (filter, errors) =>
        new TrendsQuery(filter, QueryGrammar.Choice(parameter, "granularity", Granularity.Day, errors), FunnelQuery.ParseBreakdown(parameter, errors)));
}

/// <summary>One period: users who entered the default funnel in it (by their first entry), how many completed it, and the rate's 95 % Wilson interval.</summary>
public sealed record TrendPeriod(DateOnly Start, long Users, long Conversions, double Rate, double Lower, double Upper);

public sealed record TrendGroup(string Value, IReadOnlyList<TrendPeriod> Periods);

/// <summary>
/// Conversion of the default funnel per day, week (Monday to Sunday) or calendar month, from the daily conversion
/// (<see cref="FunnelEngine.DailyByGroup"/>, one pass for all groups): a user counts in the period of their first
/// entry into the funnel, and converts when they complete it. With a breakdown, the same per group; a group the filter
/// excludes has no periods.
/// </summary>
public sealed record ConversionTrends(IReadOnlyList<TrendPeriod> Periods, IReadOnlyList<TrendGroup>? Groups)
{
    public static ConversionTrends Of(EventSnapshot snapshot, TrendsQuery query)
    {
        var groups = FunnelEngine.DailyByGroup(snapshot, FunnelQuery.Default with { Filter = query.Filter, Breakdown = query.Breakdown });
        // Every user is in exactly one group, so the groups' days add up to all users' days.
        var periods = ByPeriod(groups.SelectMany(g => g.Days).ToList(), query.Granularity);
        return new ConversionTrends(periods, query.Breakdown == Breakdown.None ? null
            : groups.Select(g => new TrendGroup(g.Value, ByPeriod(g.Days, query.Granularity))).ToList());
    }

    static IReadOnlyList<TrendPeriod> ByPeriod(IReadOnlyList<DailyConversion> days, Granularity granularity) => days
        .GroupBy(d => PeriodStart(d.Date, granularity))
        .OrderBy(g => g.Key)
        .Select(g =>
        {
            var (users, conversions) = (g.Sum(d => d.Started), g.Sum(d => d.Converted));
            var (lower, upper) = Statistics.Wilson(conversions, users);
            return new TrendPeriod(g.Key, users, conversions, users == 0 ? 0 : (double)conversions / users, lower, upper);
        })
        .ToList();

    public static DateOnly PeriodStart(DateOnly date, Granularity granularity) => granularity switch
    {
        Granularity.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        Granularity.Month => new DateOnly(date.Year, date.Month, 1),
        _ => date,
    };
}
