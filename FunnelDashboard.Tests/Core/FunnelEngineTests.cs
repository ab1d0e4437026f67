using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Tests.Core;

public class FunnelEngineTests
{
    // Four users on 2015-01-05, answers computed by hand:
    // 1 goes all the way (home 10:00, search 10:05, payment 10:10, confirmation 10:20);
    // 2 skips search (home, payment): only home counts; 3 searches before home: only home counts;
    // 4 goes home 09:00 then search 09:02.
    static EventSnapshot FourUsers() => new SnapshotFactory()
        .User(1, Device.Desktop, Sex.Male, "home@2015-01-05 10:00", "search@2015-01-05 10:05", "payment@2015-01-05 10:10", "confirmation@2015-01-05 10:20")
        .User(2, Device.Mobile, Sex.Female, "home@2015-01-05 11:00", "payment@2015-01-05 11:10")
        .User(3, Device.Mobile, Sex.Male, "search@2015-01-05 08:00", "home@2015-01-05 08:30")
        .User(4, Device.Desktop, Sex.Female, "home@2015-01-05 09:00", "search@2015-01-05 09:02")
        .Build();

    [Fact]
    public void Counts_users_per_step_in_order()
    {
        var steps = FunnelEngine.Compute(FourUsers(), FunnelQuery.Default).Steps;

        Assert.Equal(["home", "search", "payment", "confirmation"], steps.Select(s => s.Name));
        Assert.Equal([4L, 2, 1, 1], steps.Select(s => s.Users));
        Assert.Equal([1.0, 0.5, 0.5, 1.0], steps.Select(s => s.ConversionFromPrevious));
        Assert.Equal([1.0, 0.5, 0.25, 0.25], steps.Select(s => s.ConversionFromStart));
        Assert.Equal([2L, 1, 0, 0], steps.Select(s => s.DropOff));
    }

    [Fact]
    public void The_first_and_last_valid_dates_as_filter_include_every_visit()
    {
        var everything = new FunnelFilter(DateOnly.MinValue, DateOnly.MaxValue);

        var steps = FunnelEngine.Compute(FourUsers(), FunnelQuery.Default with { Filter = everything }).Steps;

        Assert.Equal([4L, 2, 1, 1], steps.Select(s => s.Users));
        Assert.Equal((4L, 0L), FunnelEngine.Activity(FourUsers(), everything));
        Assert.Equal(4, FunnelEngine.Daily(FourUsers(), FunnelQuery.Default with { Filter = everything }).Single().Started);
    }

    [Fact]
    public void Times_between_steps_are_median_and_nearest_rank_p90()
    {
        var steps = FunnelEngine.Compute(FourUsers(), FunnelQuery.Default).Steps;

        // home -> search took 300 s (user 1) and 120 s (user 4): median is their mean, p90 the larger.
        Assert.Equal(210, steps[0].MedianSecondsToNext);
        Assert.Equal(300, steps[0].P90SecondsToNext);
        Assert.Equal(300, steps[1].MedianSecondsToNext);
        Assert.Equal(600, steps[2].MedianSecondsToNext);
        Assert.Null(steps[3].MedianSecondsToNext);
    }

    [Fact]
    public void Window_limits_time_from_the_first_step_and_a_later_start_can_fit_it()
    {
        var snapshot = new SnapshotFactory()
            // Reaches payment 30 hours after home: outside a 24-hour window.
            .User(1, Device.Desktop, Sex.Male, "home@2015-01-05 00:00", "search@2015-01-05 01:00", "payment@2015-01-06 06:00")
            // Comes back two days later and completes search and payment within an hour of the second home visit.
            .User(2, Device.Desktop, Sex.Male, "home@2015-01-05 00:00", "home@2015-01-07 00:00", "search@2015-01-07 00:30", "payment@2015-01-07 01:00")
            .Build();

        var unlimited = FunnelEngine.Compute(snapshot, FunnelQuery.Default).Steps;
        var windowed = FunnelEngine.Compute(snapshot, FunnelQuery.Default with { WindowHours = 24 }).Steps;

        Assert.Equal([2L, 2, 2, 0], unlimited.Select(s => s.Users));
        Assert.Equal([2L, 2, 1, 0], windowed.Select(s => s.Users));
        // home -> search: 3600 s for user 1 and, along the chain from the second home visit, 1800 s for user 2.
        Assert.Equal(2700, windowed[0].MedianSecondsToNext);
    }

    [Fact]
    public void Filters_by_device_sex_and_date()
    {
        var snapshot = FourUsers();

        Assert.Equal([2L, 2, 1, 1], FunnelEngine.Compute(snapshot, FunnelQuery.Default with { Filter = new(Device: Device.Desktop) }).Steps.Select(s => s.Users));
        Assert.Equal([2L, 1, 0, 0], FunnelEngine.Compute(snapshot, FunnelQuery.Default with { Filter = new(Sex: Sex.Female) }).Steps.Select(s => s.Users));
        Assert.Equal([0L, 0, 0, 0], FunnelEngine.Compute(snapshot, FunnelQuery.Default with { Filter = new(From: new DateOnly(2015, 1, 6)) }).Steps.Select(s => s.Users));
        Assert.Equal([4L, 2, 1, 1], FunnelEngine.Compute(snapshot, FunnelQuery.Default with { Filter = new(new DateOnly(2015, 1, 5), new DateOnly(2015, 1, 5)) }).Steps.Select(s => s.Users));
    }

    [Fact]
    public void Date_filter_ignores_visits_outside_the_range()
    {
        var snapshot = new SnapshotFactory()
            .User(1, Device.Desktop, Sex.Male, "home@2015-01-31 23:50", "search@2015-02-01 00:10")
            .Build();

        Assert.Equal([1L, 1, 0, 0], FunnelEngine.Compute(snapshot, FunnelQuery.Default with { Filter = new(To: new DateOnly(2015, 2, 1)) }).Steps.Select(s => s.Users));
        Assert.Equal([1L, 0, 0, 0], FunnelEngine.Compute(snapshot, FunnelQuery.Default with { Filter = new(To: new DateOnly(2015, 1, 31)) }).Steps.Select(s => s.Users));
        Assert.Equal([0L, 0, 0, 0], FunnelEngine.Compute(snapshot, FunnelQuery.Default with { Filter = new(From: new DateOnly(2015, 2, 1)) }).Steps.Select(s => s.Users));
    }

    [Fact]
    public void Repeated_steps_need_separate_visits_in_order()
    {
        var snapshot = new SnapshotFactory()
            .User(1, Device.Desktop, Sex.Male, "home@2015-01-05 10:00")
            .User(2, Device.Desktop, Sex.Male, "home@2015-01-05 10:00", "search@2015-01-05 10:01", "home@2015-01-05 10:02")
            .User(3, Device.Desktop, Sex.Male, "home@2015-01-05 10:00", "home@2015-01-05 10:01", "search@2015-01-05 10:02")
            .Build();

        var homeSearchHome = FunnelQuery.Default with { Steps = [FunnelPage.Home, FunnelPage.Search, FunnelPage.Home] };
        var homeHome = FunnelQuery.Default with { Steps = [FunnelPage.Home, FunnelPage.Home] };

        Assert.Equal([3L, 2, 1], FunnelEngine.Compute(snapshot, homeSearchHome).Steps.Select(s => s.Users));
        Assert.Equal([3L, 2], FunnelEngine.Compute(snapshot, homeHome).Steps.Select(s => s.Users));
    }

    [Fact]
    public void Breakdown_gives_each_group_its_own_steps_and_the_total_stays()
    {
        var result = FunnelEngine.Compute(FourUsers(), FunnelQuery.Default with { Breakdown = Breakdown.Device });

        Assert.Equal([4L, 2, 1, 1], result.Steps.Select(s => s.Users));
        Assert.Equal(["Desktop", "Mobile"], result.Groups!.Select(g => g.Value));
        Assert.Equal([2L, 2, 1, 1], result.Groups![0].Steps.Select(s => s.Users));
        Assert.Equal([2L, 0, 0, 0], result.Groups![1].Steps.Select(s => s.Users));
        Assert.Null(FunnelEngine.Compute(FourUsers(), FunnelQuery.Default).Groups);
    }

    [Fact]
    public void Daily_conversion_counts_users_on_the_day_they_entered()
    {
        var snapshot = new SnapshotFactory()
            .User(1, Device.Desktop, Sex.Male, "home@2015-01-05 23:00", "search@2015-01-05 23:10", "payment@2015-01-06 00:10", "confirmation@2015-01-06 00:20")
            .User(2, Device.Desktop, Sex.Male, "home@2015-01-05 10:00")
            .User(3, Device.Desktop, Sex.Male, "home@2015-01-07 10:00")
            .Build();

        var daily = FunnelEngine.Daily(snapshot, FunnelQuery.Default);

        Assert.Equal([new DateOnly(2015, 1, 5), new DateOnly(2015, 1, 7)], daily.Select(d => d.Date));
        Assert.Equal([2L, 1], daily.Select(d => d.Started));
        Assert.Equal([1L, 0], daily.Select(d => d.Converted));
        Assert.Equal([0.5, 0.0], daily.Select(d => d.Rate));
    }

    [Fact]
    public void Activity_counts_users_with_a_visit_and_sessions_in_the_filter()
    {
        var snapshot = new SnapshotFactory()
            .User(1, Device.Desktop, Sex.Male, "+home@2015-01-05 10:00", "search@2015-01-05 10:05", "+home@2015-01-09 10:00")
            .User(2, Device.Mobile, Sex.Male, "+home@2015-01-09 10:00")
            .User(3, Device.Mobile, Sex.Male, "+home@2015-01-08 10:00")
            .Build();

        Assert.Equal((3L, 4L), FunnelEngine.Activity(snapshot, FunnelFilter.All));
        Assert.Equal((2L, 2L), FunnelEngine.Activity(snapshot, new FunnelFilter(From: new DateOnly(2015, 1, 9))));
        Assert.Equal((1L, 1L), FunnelEngine.Activity(snapshot, new FunnelFilter(From: new DateOnly(2015, 1, 5), To: new DateOnly(2015, 1, 5))));
        Assert.Equal((2L, 2L), FunnelEngine.Activity(snapshot, new FunnelFilter(Device: Device.Mobile)));
    }

    [Fact]
    public void Daily_sessions_count_each_session_on_the_day_of_its_first_visit_within_the_filter()
    {
        var snapshot = new SnapshotFactory()
            .User(1, Device.Desktop, Sex.Male, "+home@2015-01-05 10:00", "search@2015-01-06 00:10", "+home@2015-01-07 10:00")
            .User(2, Device.Mobile, Sex.Male, "+home@2015-01-05 23:59", "+search@2015-01-07 08:00")
            .Build();

        Assert.Equal([(new DateOnly(2015, 1, 5), 2L), (new DateOnly(2015, 1, 7), 2L)], FunnelEngine.DailySessions(snapshot, FunnelFilter.All));
        Assert.Equal([(new DateOnly(2015, 1, 7), 1L)], FunnelEngine.DailySessions(snapshot, new FunnelFilter(From: new DateOnly(2015, 1, 6), Device: Device.Mobile)));
    }

    [Fact]
    public void An_empty_snapshot_gives_zeros_not_errors()
    {
        var steps = FunnelEngine.Compute(EventSnapshot.Empty, FunnelQuery.Default).Steps;
        Assert.All(steps, s => Assert.Equal(0, s.Users));
        Assert.All(steps, s => Assert.Equal(0, s.ConversionFromStart));
        Assert.Empty(FunnelEngine.Daily(EventSnapshot.Empty, FunnelQuery.Default));
    }

    [Fact]
    public void Parallel_chunks_give_the_same_answer_as_one_user_at_a_time()
    {
        // Enough users for many chunks; compare with per-user funnels computed one snapshot per user.
        var snapshot = SyntheticEvents.Build(60_000, seed: 7);
        var whole = FunnelEngine.Compute(snapshot, FunnelQuery.Default with { WindowHours = 1 }).Steps.Select(s => s.Users).ToArray();

        var expected = new long[4];
        foreach (var user in snapshot.Users)
        {
            var builder = new EventSnapshotBuilder().AddUser(user.Id, Device.Desktop, Sex.Male);
            for (var (e, end) = user.Visits; e < end; e++)
                builder.AddVisit(user.Id, user.Part.PageOf(e), EventSnapshot.ToDateTime(user.Part.EventTime[e]));
            var single = FunnelEngine.Compute(builder.Build(), FunnelQuery.Default with { WindowHours = 1 }).Steps;
            for (var k = 0; k < 4; k++) expected[k] += single[k].Users;
        }
        Assert.Equal(expected, whole);
        Assert.True(whole[0] > 10_000 && whole[1] > 0 && whole[3] > 0);
    }
}
