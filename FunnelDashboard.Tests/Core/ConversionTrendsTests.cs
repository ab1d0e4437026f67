using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Tests.Core;

public class ConversionTrendsTests
{
    // 2015-01-05 and 2015-01-12 are Mondays. User 1 (Desktop) converts on Monday 5th; user 2 (Mobile) enters on
    // Wednesday 7th and stops; user 3 (Mobile) converts on Monday 12th.
    static EventSnapshot ThreeUsers() => new SnapshotFactory()
        .User(1, Device.Desktop, Sex.Male, "home@2015-01-05 10:00", "search@2015-01-05 10:05", "payment@2015-01-05 10:10", "confirmation@2015-01-05 10:20")
        .User(2, Device.Mobile, Sex.Female, "home@2015-01-07 11:00", "search@2015-01-07 11:10")
        .User(3, Device.Mobile, Sex.Male, "home@2015-01-12 08:00", "search@2015-01-12 08:05", "payment@2015-01-12 08:10", "confirmation@2015-01-12 08:20")
        .Build();

    static ConversionTrends Trends(Granularity granularity, Breakdown breakdown = Breakdown.None, FunnelFilter? filter = null) =>
        ConversionTrends.Of(ThreeUsers(), new TrendsQuery(filter ?? FunnelFilter.All, granularity, breakdown));

    [Fact]
    public void Weeks_start_on_monday_and_carry_a_wilson_interval()
    {
        var periods = Trends(Granularity.Week).Periods;

        Assert.Equal([new DateOnly(2015, 1, 5), new DateOnly(2015, 1, 12)], periods.Select(p => p.Start));
        Assert.Equal([2L, 1], periods.Select(p => p.Users));
        Assert.Equal([1L, 1], periods.Select(p => p.Conversions));
        Assert.Equal([0.5, 1.0], periods.Select(p => p.Rate));
        Assert.Equal(0.0945312, periods[0].Lower, 6); // Wilson 1/2
        Assert.Equal(0.9054688, periods[0].Upper, 6);
        Assert.Equal(0.2065493, periods[1].Lower, 6); // Wilson 1/1
        Assert.Equal(1.0, periods[1].Upper, 6);
    }

    [Fact]
    public void Days_and_months_group_the_same_entries()
    {
        Assert.Equal([new DateOnly(2015, 1, 5), new DateOnly(2015, 1, 7), new DateOnly(2015, 1, 12)], Trends(Granularity.Day).Periods.Select(p => p.Start));
        var month = Assert.Single(Trends(Granularity.Month).Periods);
        Assert.Equal((new DateOnly(2015, 1, 1), 3L, 2L), (month.Start, month.Users, month.Conversions));
    }

    [Fact]
    public void A_breakdown_gives_each_group_its_periods_and_a_group_the_filter_excludes_none()
    {
        var groups = Trends(Granularity.Week, Breakdown.Device).Groups!;
        Assert.Equal(["Desktop", "Mobile"], groups.Select(g => g.Value));
        Assert.Equal([(new DateOnly(2015, 1, 5), 1L, 1L)], groups[0].Periods.Select(p => (p.Start, p.Users, p.Conversions)));
        Assert.Equal([(new DateOnly(2015, 1, 5), 1L, 0L), (new DateOnly(2015, 1, 12), 1L, 1L)], groups[1].Periods.Select(p => (p.Start, p.Users, p.Conversions)));

        var mobileOnly = Trends(Granularity.Week, Breakdown.Device, new FunnelFilter(Device: Device.Mobile)).Groups!;
        Assert.Empty(mobileOnly[0].Periods);
        Assert.Equal(2, mobileOnly[1].Periods.Count);
        Assert.Null(Trends(Granularity.Week).Groups);
    }

    [Fact]
    public void Parameters_parse_with_the_funnel_grammar_and_bad_ones_are_named()
    {
        var query = TrendsQuery.Parse(Parameters(("granularity", "Month"), ("breakdown", "sex"), ("device", "mobile"))).Value!;
        Assert.Equal(new TrendsQuery(new FunnelFilter(Device: Device.Mobile), Granularity.Month, Breakdown.Sex), query);

        var bad = TrendsQuery.Parse(Parameters(("granularity", "hour"), ("breakdown", "page"), ("from", "2015-13-01")));
        Assert.False(bad.IsValid);
        Assert.Equal(["breakdown", "from", "granularity"], bad.Errors.Keys.Order());
        Assert.Contains("day, week, month", bad.Errors["granularity"][0]);
    }

    internal static Func<string, string?> Parameters(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;
}
