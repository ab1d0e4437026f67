using FunnelDashboard.Core.Domain;
using FunnelDashboard.Tests.Core;
using FunnelDashboard.Web.SimilarUsers;

namespace FunnelDashboard.Tests.SimilarUsers;

public sealed class UserActivityTests
{
    static readonly FunnelDashboard.Core.Analytics.EventSnapshot Snapshot = new SnapshotFactory()
        .User(1, Device.Desktop, Sex.Male, "+home@2015-01-05 10:00/30", "search@2015-01-05 10:01/90", "payment@2015-01-05 10:03/60", "confirmation@2015-01-05 10:05/20")
        .Interactions(1, "home:click@2015-01-05 10:00:05", "home:click@2015-01-05 10:00:09", "home:click@2015-01-05 10:00:20", "search:scroll@2015-01-05 10:01:30")
        .User(2, Device.Mobile, Sex.Female, "+home@2015-01-06 10:00/10", "+home@2015-01-07 10:00/50", "payment@2015-01-07 10:01/0")
        .User(3, Device.Mobile, Sex.Male, "+home@2015-01-06 11:00/5")
        .Interactions(3, "home:scroll@2015-01-06 11:00:01", "home:back@2015-01-06 11:00:02", "home:back@2015-01-06 11:00:03")
        .Build();

    [Fact]
    public void Sums_sessions_visits_time_and_the_deepest_step_reached_in_order()
    {
        var users = UserActivity.Of(Snapshot);

        Assert.Equal((1, 4, 200L, 4, 50.0, "confirmation", true), (users[0].Sessions, users[0].Visits, users[0].VisitSeconds, users[0].Interactions, users[0].AverageVisitSeconds, users[0].DeepestStepName, users[0].Converted));
        // Payment without search does not count: the funnel is followed in order.
        Assert.Equal((2, 3, 60L, 0, "home", false), (users[1].Sessions, users[1].Visits, users[1].VisitSeconds, users[1].Interactions, users[1].DeepestStepName, users[1].Converted));
        Assert.Equal(90, users[0].PageSeconds[(int)FunnelPage.Search]);
    }

    [Fact]
    public void The_dominant_behaviour_is_the_most_frequent_interaction_type_or_view_without_any()
    {
        var users = UserActivity.Of(Snapshot);

        Assert.Equal(["click", "view", "back"], users.Select(u => u.DominantBehavior));
    }

    [Fact]
    public void Each_page_and_kind_the_user_did_is_one_item_pair()
    {
        var dataset = BehaviorDataset.From(Snapshot);

        string[] Items(int user) => Enumerable.Range(0, dataset.Interactions.Count).Where(i => dataset.Interactions.Users[i] == user)
            .Select(i => dataset.Interactions.ItemKeys[dataset.Interactions.Items[i]]).ToArray();
        Assert.Equal(["home: view", "home: click", "search: view", "search: scroll", "payment: view", "confirmation: view"], Items(0));
        Assert.Equal(["home: view", "payment: view"], Items(1));
        Assert.Equal(["home: view", "home: scroll", "home: back"], Items(2));
        Assert.Equal(["1", "2", "3"], dataset.Interactions.UserKeys);
        Assert.Equal(28, dataset.Interactions.ItemCount);
    }

    [Fact]
    public void Features_are_standardised_so_users_who_did_more_sit_higher()
    {
        var dataset = BehaviorDataset.From(Snapshot);

        var users = dataset.UserFeatures;
        Assert.Equal((3, 4), (users.Rows, users.Cols));
        for (int c = 0; c < users.Cols; c++)
            Assert.Equal(0, Enumerable.Range(0, 3).Sum(r => users[r, c]), 4); // mean 0
        Assert.True(users[1, 0] > users[0, 0]); // mobile
        Assert.True(users[1, 1] > users[0, 1]); // two sessions against one
        Assert.True(users[0, 2] > users[2, 2] && users[2, 2] > users[1, 2]); // 4, 3, 0 interactions

        // Item columns after the page and kind one-hots: click rate, time spent, conversion of the users who did it.
        var items = dataset.ItemFeatures;
        int homeClick = BehaviorItems.Interaction(FunnelPage.Home, InteractionType.Click), searchScroll = BehaviorItems.Interaction(FunnelPage.Search, InteractionType.Scroll);
        int numeric = 4 + BehaviorItems.Kinds;
        Assert.Equal(1f, items[homeClick, 0]);
        Assert.Equal(1f, items[homeClick, 4 + 1]);
        Assert.True(items[homeClick, numeric] > items[searchScroll, numeric]); // home: 3 clicks of 6 interactions, search: none of 1
        Assert.True(items[searchScroll, numeric + 1] > items[homeClick, numeric + 1]); // 90 s per search visit against 23.75 s per home visit
        Assert.True(items[searchScroll, numeric + 2] > items[BehaviorItems.Visit(FunnelPage.Home), numeric + 2]); // only the converter scrolled on search
    }
}
