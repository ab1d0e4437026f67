using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Tests.Web.Browser;

/// <summary>
/// Snapshots of recent journeys for the wall: user i comes home 5 + 7i mod 300 minutes before now (on a whole minute),
/// every 2nd searches a minute later, every 10th goes on to pay and confirm (2 and 3 minutes after home); every 3rd is
/// on mobile. So the newest of these events (user 300's confirmation) is 2 minutes before the current minute; <c>fresh</c>
/// adds one more user who came home this very minute.
/// </summary>
public static class LiveJourneys
{
    public static EventSnapshot Build(DateTimeOffset now, int users, bool fresh = false)
    {
        var minute = new DateTime(now.UtcDateTime.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        var builder = new EventSnapshotBuilder();
        for (var i = 1; i <= users; i++)
        {
            builder.AddUser(i, i % 3 == 0 ? Device.Mobile : Device.Desktop, i % 2 == 0 ? Sex.Female : Sex.Male);
            var home = minute.AddMinutes(-(5 + 7 * i % 300));
            builder.AddVisit(i, FunnelPage.Home, home);
            if (i % 2 != 0) continue;
            builder.AddVisit(i, FunnelPage.Search, home.AddMinutes(1));
            if (i % 10 != 0) continue;
            builder.AddVisit(i, FunnelPage.Payment, home.AddMinutes(2));
            builder.AddVisit(i, FunnelPage.Confirmation, home.AddMinutes(3));
        }
        if (fresh) builder.AddUser(users + 1, Device.Mobile, Sex.Male).AddVisit(users + 1, FunnelPage.Home, minute);
        return builder.Build();
    }
}
