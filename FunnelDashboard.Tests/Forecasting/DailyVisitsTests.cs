using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Tests.Core;

namespace FunnelDashboard.Tests.Forecasting;

public class DailyVisitsTests
{
    // Visits on 2015-01-05 (home x3, search x2, payment), none on 01-06, and on 01-07 (home, confirmation at 23:59).
    static EventSnapshot ThreeDays() => new SnapshotFactory()
        .User(1, Device.Desktop, Sex.Male, "home@2015-01-05 10:00", "search@2015-01-05 10:05", "payment@2015-01-05 10:10", "confirmation@2015-01-07 23:59")
        .User(2, Device.Mobile, Sex.Female, "home@2015-01-05 00:00", "search@2015-01-05 23:59")
        .User(3, Device.Mobile, Sex.Male, "home@2015-01-05 12:00", "home@2015-01-07 00:01")
        .Build();

    static readonly DateOnly Jan5 = new(2015, 1, 5), Jan6 = new(2015, 1, 6), Jan7 = new(2015, 1, 7);

    [Fact]
    public void Counts_total_visits_per_day_with_empty_days_as_zero()
    {
        var visits = DailyVisits.Of(ThreeDays());

        Assert.Equal([(Jan5, 6L), (Jan6, 0L), (Jan7, 2L)], visits.Total);
    }

    [Fact]
    public void Counts_each_page_over_the_same_days()
    {
        var byPage = DailyVisits.Of(ThreeDays()).ByPage;

        Assert.Equal([(Jan5, 3L), (Jan6, 0L), (Jan7, 1L)], byPage[FunnelPage.Home]);
        Assert.Equal([(Jan5, 2L), (Jan6, 0L), (Jan7, 0L)], byPage[FunnelPage.Search]);
        Assert.Equal([(Jan5, 1L), (Jan6, 0L), (Jan7, 0L)], byPage[FunnelPage.Payment]);
        Assert.Equal([(Jan5, 0L), (Jan6, 0L), (Jan7, 1L)], byPage[FunnelPage.Confirmation]);
    }

    [Fact]
    public void An_empty_snapshot_has_no_days()
    {
        var visits = DailyVisits.Of(EventSnapshot.Empty);

        Assert.Empty(visits.Total);
        Assert.All(visits.ByPage.Values, Assert.Empty);
    }
}
