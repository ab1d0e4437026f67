using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Tests.Core;

public class CohortRetentionTests
{
    // Weeks start on Mondays 2015-01-05 and 2015-01-12. User 1 arrives in the first week and buys in the second;
    // user 2 arrives in the first week and never returns; user 3 arrives in the second week and comes back in it.
    static EventSnapshot ThreeUsers() => new SnapshotFactory()
        .User(1, Device.Desktop, Sex.Male, "home@2015-01-05 10:00", "home@2015-01-14 10:00", "confirmation@2015-01-14 10:20")
        .User(2, Device.Mobile, Sex.Female, "home@2015-01-06 11:00")
        .User(3, Device.Mobile, Sex.Male, "home@2015-01-13 08:00", "search@2015-01-14 08:05")
        .Build();

    [Fact]
    public void Weekly_cohorts_follow_their_users_to_the_end_of_the_data()
    {
        var cohorts = CohortRetention.Of(ThreeUsers(), new CohortQuery(FunnelFilter.All, CohortPeriod.Week)).Cohorts;

        Assert.Equal([new DateOnly(2015, 1, 5), new DateOnly(2015, 1, 12)], cohorts.Select(c => c.Start));
        Assert.Equal([2L, 1], cohorts.Select(c => c.Size));
        Assert.Equal([1.0, 0.5], cohorts[0].Retention);
        Assert.Equal([0.0, 0.5], cohorts[0].Conversion);
        Assert.Equal([1.0], cohorts[1].Retention);
        Assert.Equal([0.0], cohorts[1].Conversion);
    }

    [Fact]
    public void Monthly_cohorts_and_filters_choose_cohorts_by_first_visit()
    {
        var month = Assert.Single(CohortRetention.Of(ThreeUsers(), new CohortQuery(FunnelFilter.All, CohortPeriod.Month)).Cohorts);
        Assert.Equal((new DateOnly(2015, 1, 1), 3L), (month.Start, month.Size));
        Assert.Equal([1 / 3.0], month.Conversion);

        var late = CohortRetention.Of(ThreeUsers(), new CohortQuery(new FunnelFilter(From: new DateOnly(2015, 1, 10)), CohortPeriod.Week)).Cohorts;
        Assert.Equal(new DateOnly(2015, 1, 12), Assert.Single(late).Start);
        var mobile = CohortRetention.Of(ThreeUsers(), new CohortQuery(new FunnelFilter(Device: Device.Mobile), CohortPeriod.Week)).Cohorts;
        Assert.Equal([1L, 1], mobile.Select(c => c.Size));
        Assert.Equal([1.0, 0.0], mobile[0].Retention);
    }

    [Fact]
    public void An_unknown_period_is_named()
    {
        var bad = CohortQuery.Parse(ConversionTrendsTests.Parameters(("period", "day")));
        Assert.Contains("week, month", Assert.Single(bad.Errors).Value[0]);
        Assert.Equal("period", bad.Errors.Keys.Single());
    }
}
