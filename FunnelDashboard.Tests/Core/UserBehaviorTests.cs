using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Tests.Core;

public class UserBehaviorTests
{
    // User 7: a session home > search on the 5th with a click on each page, a session of home alone on the 9th with a back.
    static EventSnapshot OneUser() => new SnapshotFactory()
        .User(7, Device.Mobile, Sex.Female, "+home@2015-01-05 10:00/60", "search@2015-01-05 10:02/90", "+home@2015-01-09 18:00/20")
        .Interactions(7, "home:click@2015-01-05 10:00:30#10,20", "search:click@2015-01-05 10:03:00#30,40", "home:back@2015-01-09 18:00:20")
        .User(8, Device.Desktop, Sex.Male)
        .Build();

    [Fact]
    public void The_story_has_the_user_sessions_with_visits_and_interactions_and_the_deepest_step()
    {
        var story = UserBehavior.Of(OneUser(), 7, FunnelFilter.All)!;

        Assert.Equal(new BehaviorUser(7, "Mobile", "Female", SnapshotFactory.At("2015-01-05 10:00")), story.User);
        Assert.Equal(2, story.Sessions.Count);
        Assert.Equal([("home", SnapshotFactory.At("2015-01-05 10:00"), 60), ("search", SnapshotFactory.At("2015-01-05 10:02"), 90)],
            story.Sessions[0].Visits.Select(v => (v.Page, v.Time, v.DurationSeconds)));
        Assert.Equal([("home", "click", 10, 20), ("search", "click", 30, 40)], story.Sessions[0].Interactions.Select(i => (i.Page, i.Type, i.X, i.Y)));
        Assert.Equal(SnapshotFactory.At("2015-01-05 10:03").AddSeconds(30), story.Sessions[0].End); // search's end, 10:02 + 90 s
        Assert.Equal("back", Assert.Single(story.Sessions[1].Interactions).Type);
        Assert.Equal("search", story.DeepestStep);
        // Two clicks (engaged) and a back (frustrated): (2 - 1) / 3.
        Assert.Equal((1L, 2L), (story.Sentiment.Frustrated, story.Sentiment.Engaged));
        Assert.Equal(1 / 3.0, story.Sentiment.Score, 12);
    }

    [Fact]
    public void Dates_choose_sessions_and_users_without_visits_or_unknown_are_told_apart()
    {
        var late = UserBehavior.Of(OneUser(), 7, new FunnelFilter(From: new DateOnly(2015, 1, 8)))!;
        Assert.Equal(SnapshotFactory.At("2015-01-09 18:00"), Assert.Single(late.Sessions).Start);
        Assert.Equal("home", late.DeepestStep);

        var idle = UserBehavior.Of(OneUser(), 8, FunnelFilter.All)!;
        Assert.Null(idle.User.FirstVisit);
        Assert.Empty(idle.Sessions);
        Assert.Null(idle.DeepestStep);

        Assert.Null(UserBehavior.Of(OneUser(), 9, FunnelFilter.All));
    }
}
