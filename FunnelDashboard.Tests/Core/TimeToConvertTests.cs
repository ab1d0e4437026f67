using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Tests.Core;

public class TimeToConvertTests
{
    // User 1 buys 20 min after home; user 2 buys 2 days later; user 3 reaches payment 40 s after search and stops.
    static EventSnapshot ThreeUsers() => new SnapshotFactory()
        .User(1, Device.Desktop, Sex.Male, "home@2015-01-05 10:00", "search@2015-01-05 10:05", "payment@2015-01-05 10:10", "confirmation@2015-01-05 10:20")
        .User(2, Device.Mobile, Sex.Female, "home@2015-01-05 11:00", "search@2015-01-05 11:01", "payment@2015-01-07 11:00", "confirmation@2015-01-07 11:00")
        .User(3, Device.Mobile, Sex.Male, "home@2015-01-05 09:00", "search@2015-01-05 09:01", "payment@2015-01-05 09:02")
        .Build();

    [Fact]
    public void First_to_last_step_bins_each_converter()
    {
        var result = TimeToConvert.Of(ThreeUsers(), new TimeToConvertQuery(FunnelQuery.Default, 0, 3));

        Assert.Equal(("home", "confirmation", 2L), (result.From, result.To, result.Users));
        Assert.Equal((1200 + 172800) / 2.0, result.MedianSeconds); // 20 min and 48 h
        var filled = result.Bins.Where(b => b.Users > 0).Select(b => (b.FromSeconds, b.ToSeconds)).ToList();
        Assert.Equal([(600, (int?)1800), (172800, 604800)], filled);
        Assert.Null(result.Bins[^1].ToSeconds);
    }

    [Fact]
    public void Between_any_two_steps_counts_those_who_reached_the_later()
    {
        var result = TimeToConvert.Of(ThreeUsers(), new TimeToConvertQuery(FunnelQuery.Default, 1, 2));

        Assert.Equal(3, result.Users); // 5 min, 47 h 59 min and 1 min
        Assert.Equal(300, result.MedianSeconds);
    }

    [Fact]
    public void A_breakdown_in_the_funnel_query_still_bins_everyone_once()
    {
        var result = TimeToConvert.Of(ThreeUsers(), new TimeToConvertQuery(FunnelQuery.Default with { Breakdown = Breakdown.Device }, 0, 3));

        Assert.Equal(2, result.Users);
        Assert.Equal((1200 + 172800) / 2.0, result.MedianSeconds);
    }

    [Fact]
    public void Steps_are_named_and_must_be_in_order()
    {
        var parsed = TimeToConvertQuery.Parse(ConversionTrendsTests.Parameters(("from_step", "search"), ("to_step", "confirmation")));
        Assert.Equal((1, 3), (parsed.Value!.FromStep, parsed.Value.ToStep));
        Assert.Equal("to_step", Assert.Single(TimeToConvertQuery.Parse(ConversionTrendsTests.Parameters(("from_step", "payment"), ("to_step", "home"))).Errors).Key);
        Assert.Equal("from_step", Assert.Single(TimeToConvertQuery.Parse(ConversionTrendsTests.Parameters(("from_step", "cart"))).Errors).Key);
    }
}
