using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Tests.Core;

public class UserJourneysTests
{
    // User 1: a session home > search > payment on the 5th, and one that buys on the 6th.
    // User 2: home > search, then a new session of home alone. User 3: home > search (one session).
    static EventSnapshot ThreeUsers() => new SnapshotFactory()
        .User(1, Device.Desktop, Sex.Male, "+home@2015-01-05 10:00", "search@2015-01-05 10:05", "payment@2015-01-05 10:10",
            "+home@2015-01-06 10:00", "search@2015-01-06 10:05", "payment@2015-01-06 10:10", "confirmation@2015-01-06 10:20")
        .User(2, Device.Mobile, Sex.Female, "+home@2015-01-05 10:00", "search@2015-01-05 10:02", "+home@2015-01-05 11:00")
        .User(3, Device.Mobile, Sex.Male, "+home@2015-01-05 09:00", "search@2015-01-05 09:01")
        .Build();

    static UserJourneys Journeys(JourneyQuery query) => UserJourneys.Of(ThreeUsers(), query);

    [Fact]
    public void Paths_count_users_per_session_path_ranked_by_users_then_funnel_order()
    {
        var journeys = Journeys(new JourneyQuery(FunnelFilter.All));

        Assert.Equal(3, journeys.Users);
        Assert.Equal([["home", "search"], ["home"], ["home", "search", "payment"], ["home", "search", "payment", "confirmation"]],
            journeys.Paths.Select(p => p.Pages));
        Assert.Equal([2L, 1, 1, 1], journeys.Paths.Select(p => p.Users));
        Assert.Equal([2 / 3.0, 1 / 3.0, 1 / 3.0, 1 / 3.0], journeys.Paths.Select(p => p.Share));
        Assert.Equal([0.0, 0, 0, 1], journeys.Paths.Select(p => p.Conversion));
    }

    [Fact]
    public void Flows_count_distinct_users_per_step_including_exits()
    {
        var flows = Journeys(new JourneyQuery(FunnelFilter.All)).Flows.Select(f => (f.From, f.To, f.Users));

        Assert.Equal([
            ("home", "search", 3L), ("search", "exit", 2L), ("home", "exit", 1L), ("search", "payment", 1L),
            ("payment", "confirmation", 1L), ("payment", "exit", 1L), ("confirmation", "exit", 1L)], flows);
    }

    [Fact]
    public void A_short_max_length_merges_paths_and_a_user_converts_if_any_such_session_did()
    {
        var paths = Journeys(new JourneyQuery(FunnelFilter.All, Limit: 1, MaxLength: 2)).Paths;

        var top = Assert.Single(paths);
        Assert.Equal(["home", "search"], top.Pages);
        Assert.Equal(3, top.Users); // user 1 counts once for two sessions
        Assert.Equal(1 / 3.0, top.Conversion);
    }

    [Fact]
    public void Sessions_count_by_their_first_visit_date()
    {
        var journeys = Journeys(new JourneyQuery(new FunnelFilter(From: new DateOnly(2015, 1, 6))));

        Assert.Equal(1, journeys.Users);
        Assert.Equal(["home", "search", "payment", "confirmation"], Assert.Single(journeys.Paths).Pages);
    }

    [Fact]
    public void Limit_and_max_length_are_bounded()
    {
        var bad = JourneyQuery.Parse(ConversionTrendsTests.Parameters(("limit", "0"), ("max_length", "16")));
        Assert.Equal(["limit", "max_length"], bad.Errors.Keys.Order());
        Assert.Equal(new JourneyQuery(FunnelFilter.All, 3, 2), JourneyQuery.Parse(ConversionTrendsTests.Parameters(("limit", "3"), ("max_length", "2"))).Value);
    }
}
