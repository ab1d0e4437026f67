using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Pages.Users;

namespace FunnelDashboard.Tests.Web;

public class UserPagesTests
{
    [Theory]
    [InlineData("", "Enter a user id, e.g. 42.")]
    [InlineData("abc", "'abc' is not a user id: ids are whole numbers from 1, e.g. 42.")]
    [InlineData("-5", "'-5' is not a user id: ids are whole numbers from 1, e.g. 42.")]
    [InlineData("0", "'0' is not a user id: ids are whole numbers from 1, e.g. 42.")]
    [InlineData("99999999999999999999", "'99999999999999999999' is not a user id: ids are whole numbers from 1, e.g. 42.")]
    public void A_typed_id_that_is_not_one_says_what_is_wrong(string text, string message)
    {
        Assert.False(UserId.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void A_typed_id_may_have_spaces_around_it()
    {
        Assert.True(UserId.TryParse(" 275414 ", out var id, out var error));
        Assert.Equal((275414L, (string?)null), (id, error));
    }

    [Fact]
    public void The_timeline_shows_the_latest_sessions_numbered_among_all_and_says_so()
    {
        var start = new DateTime(2015, 1, 5, 10, 0, 12, DateTimeKind.Utc);
        var sessions = Enumerable.Range(0, UserTimeline.MaxSessions + 2)
            .Select(i => new BehaviorSession(start.AddDays(i), start.AddDays(i).AddSeconds(390), [], [])).ToList();

        var shown = UserTimeline.Shown(sessions).ToList();

        Assert.Equal(UserTimeline.MaxSessions, shown.Count);
        Assert.Equal((sessions[2], 3), shown[0]);
        Assert.Equal((sessions[^1], 52), shown[^1]);
        Assert.Equal("The latest 50 of 52 sessions, oldest first", UserTimeline.Summary(sessions));
        Assert.Equal("1 session, oldest first", UserTimeline.Summary(sessions[..1]));
        Assert.Equal("2015-01-05 10:00:12 – 10:06:42 UTC (6.5 min)", UserTimeline.Span(sessions[0]));
        Assert.Equal("2015-01-05 23:59:00 – 2015-01-06 00:01:00 UTC (2 min)",
            UserTimeline.Span(new BehaviorSession(new DateTime(2015, 1, 5, 23, 59, 0, DateTimeKind.Utc), new DateTime(2015, 1, 6, 0, 1, 0, DateTimeKind.Utc), [], [])));
    }
}
