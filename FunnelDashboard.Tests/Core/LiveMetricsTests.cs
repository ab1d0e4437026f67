using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Tests.Core;

public class LiveMetricsTests
{
    static readonly DateTime Now = SnapshotFactory.At("2026-11-22 10:30");

    // At 10:30 on 2026-11-22, answers computed by hand:
    // 1 (desktop) completes the funnel from 10:00 to 10:20: a conversion today and in the last hour;
    // 2 (mobile) completes it from 08:00 to 09:40: a conversion today; in the last hour only its confirmation lies;
    // 3 (mobile) came home yesterday and searched today: a user today, but today holds no funnel start for it;
    // 4 (desktop) visited yesterday only; 5 (mobile) came home at 10:26 and searched at 10:28.
    static EventSnapshot FiveUsers() => new SnapshotFactory()
        .User(1, Device.Desktop, Sex.Male, "home@2026-11-22 10:00", "search@2026-11-22 10:05", "payment@2026-11-22 10:10", "confirmation@2026-11-22 10:20")
        .User(2, Device.Mobile, Sex.Female, "home@2026-11-22 08:00", "search@2026-11-22 08:10", "payment@2026-11-22 08:20", "confirmation@2026-11-22 09:40")
        .User(3, Device.Mobile, Sex.Male, "home@2026-11-21 23:50", "search@2026-11-22 00:10")
        .User(4, Device.Desktop, Sex.Female, "home@2026-11-21 12:00")
        .User(5, Device.Mobile, Sex.Female, "home@2026-11-22 10:26", "search@2026-11-22 10:28")
        .Build();

    [Fact]
    public void Today_counts_users_with_a_visit_since_midnight_and_funnels_completed_inside_today()
    {
        var today = LiveMetrics.Compute(FiveUsers(), Now).Today;

        Assert.Equal(4, today.Users);
        Assert.Equal(2, today.Conversions);
        // Users 1, 2 and 5 entered the funnel today; 1 and 2 completed it.
        Assert.Equal(2 / 3.0, today.ConversionRate, 12);
    }

    [Fact]
    public void The_last_hour_counts_only_funnels_that_lie_wholly_inside_it()
    {
        var lastHour = LiveMetrics.Compute(FiveUsers(), Now).LastHour;

        Assert.Equal(3, lastHour.Users);
        Assert.Equal(1, lastHour.Conversions);
        Assert.Equal(0.5, lastHour.ConversionRate, 12);
    }

    [Fact]
    public void Todays_funnel_is_broken_down_by_device()
    {
        var funnel = LiveMetrics.Compute(FiveUsers(), Now).TodayFunnelByDevice;

        Assert.Equal([3L, 3, 2, 2], funnel.Steps.Select(s => s.Users));
        var desktop = funnel.Groups!.Single(g => g.Value == "Desktop").Steps;
        var mobile = funnel.Groups!.Single(g => g.Value == "Mobile").Steps;
        Assert.Equal([1L, 1, 1, 1], desktop.Select(s => s.Users));
        Assert.Equal([2L, 2, 1, 1], mobile.Select(s => s.Users));
        Assert.Equal(0.5, mobile[^1].ConversionFromStart, 12);
    }

    [Fact]
    public void Events_per_minute_count_back_from_now_and_the_rate_averages_the_last_five_minutes()
    {
        var live = LiveMetrics.Compute(FiveUsers(), Now);

        Assert.Equal(LiveMetrics.TrendMinutes, live.EventsByMinute.Count);
        // Minutes ago of every event within the hour: 30, 25, 20, 10 (user 1), 50 (user 2), 4 and 2 (user 5).
        var expected = new long[LiveMetrics.TrendMinutes];
        foreach (var minutesAgo in new[] { 30, 25, 20, 10, 50, 4, 2 }) expected[LiveMetrics.TrendMinutes - 1 - minutesAgo]++;
        Assert.Equal(expected, live.EventsByMinute);
        Assert.Equal(2 / 5.0, live.EventsPerMinute, 12);
        Assert.Equal(SnapshotFactory.At("2026-11-22 10:28"), live.NewestEvent);
    }

    [Fact]
    public void A_visit_exactly_an_hour_old_is_in_the_last_hour_and_one_a_minute_older_is_not()
    {
        var snapshot = new SnapshotFactory()
            .User(1, Device.Desktop, Sex.Male, "home@2026-11-22 09:30")
            .User(2, Device.Desktop, Sex.Male, "home@2026-11-22 09:29")
            .Build();

        var live = LiveMetrics.Compute(snapshot, Now);

        Assert.Equal(1, live.LastHour.Users);
        Assert.Equal(2, live.Today.Users);
    }

    [Fact]
    public void An_event_stamped_after_now_counts_as_now_and_is_the_newest()
    {
        var snapshot = new SnapshotFactory().User(1, Device.Mobile, Sex.Male, "home@2026-11-22 10:29", "search@2026-11-22 10:32").Build();

        var live = LiveMetrics.Compute(snapshot, Now);

        Assert.Equal(1, live.EventsByMinute[^1]); // the 10:32 one, as now
        Assert.Equal(1, live.EventsByMinute[^2]); // 10:29, a minute ago
        Assert.Equal(SnapshotFactory.At("2026-11-22 10:32"), live.NewestEvent);
        Assert.Equal(1, live.LastHour.Users);
    }

    [Fact]
    public void No_events_give_zeros_and_no_newest_event()
    {
        var live = LiveMetrics.Compute(EventSnapshot.Empty, Now);

        Assert.Equal(new LivePeriod(0, 0, 0), live.Today);
        Assert.Equal(new LivePeriod(0, 0, 0), live.LastHour);
        Assert.All(live.EventsByMinute, count => Assert.Equal(0, count));
        Assert.Equal(0, live.EventsPerMinute);
        Assert.Null(live.NewestEvent);
    }
}
