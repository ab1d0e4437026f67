using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Common;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Tests.Core;

public class SnapshotMergeTests
{
    [Fact]
    public void A_late_visit_lands_in_time_order_and_changes_the_funnel()
    {
        var before = new SnapshotFactory().User(1, Device.Desktop, Sex.Male, "search@2015-01-05 10:05", "payment@2015-01-05 10:09").Build();
        Assert.Equal([0L, 0, 0, 0], Users(before));

        var after = new EventSnapshotBuilder()
            .AddVisit(1, FunnelPage.Home, SnapshotFactory.At("2015-01-05 10:00"), eventId: 9, startsSession: true)
            .MergeInto(before);

        Assert.Equal([1L, 1, 1, 0], Users(after));
        Assert.Equal([FunnelPage.Home, FunnelPage.Search, FunnelPage.Payment], Enumerable.Range(0, 3).Select(after.PageOf));
        Assert.Equal(9, after.LastEventId);
        Assert.Equal(1, after.SessionCount);
        Assert.Equal([0L, 0, 0, 0], Users(before)); // the old version is untouched
    }

    [Fact]
    public void New_users_are_numbered_in_id_order_and_a_known_user_takes_the_new_device()
    {
        var before = new SnapshotFactory()
            .User(10, Device.Desktop, Sex.Male, "home@2015-01-05 10:00")
            .User(30, Device.Desktop, Sex.Female, "home@2015-01-06 10:00")
            .Build();
        var after = new EventSnapshotBuilder()
            .AddUser(20, Device.Mobile, Sex.Female).AddVisit(20, FunnelPage.Home, SnapshotFactory.At("2015-01-07 10:00"))
            .AddUser(30, Device.Mobile, Sex.Female)
            .MergeInto(before);

        Assert.Equal([10L, 20, 30], after.UserIds);
        Assert.Equal([(byte)Device.Desktop, (byte)Device.Mobile, (byte)Device.Mobile], after.UserDevice);
        Assert.Equal([0, 1, 2, 3], after.EventStart);
        Assert.Equal(new DateRange(new DateOnly(2015, 1, 5), new DateOnly(2015, 1, 7)), after.DataRange);
    }

    [Fact]
    public void A_visit_of_a_user_the_snapshot_does_not_know_is_refused()
    {
        var builder = new EventSnapshotBuilder().AddVisit(5, FunnelPage.Home, SnapshotFactory.At("2015-01-07 10:00"));
        var error = Assert.Throws<InvalidOperationException>(() => builder.MergeInto(EventSnapshot.Empty));
        Assert.Contains("unknown user 5", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Growing_in_random_batches_with_late_visits_gives_the_same_snapshot_as_one_build(long seed)
    {
        var random = new SplitMix64((ulong)seed);
        var visits = new List<(long User, FunnelPage Page, DateTime Time, int Duration, bool Starts)>();
        var users = new List<(long Id, Device Device, Sex Sex)>();
        for (var u = 0; u < 400; u++)
        {
            var id = random.Next(1, 1_000_000);
            if (users.Any(x => x.Id == id)) continue;
            users.Add((id, random.Chance(0.5) ? Device.Desktop : Device.Mobile, random.Chance(0.5) ? Sex.Male : Sex.Female));
            var count = random.Next(0, 12);
            for (var v = 0; v < count; v++)
                // Few distinct times, so ties are common and their store order matters.
                visits.Add((id, (FunnelPage)random.Next(0, 4), SnapshotFactory.At("2015-01-05 10:00").AddMinutes(random.Next(0, 30)),
                    random.Next(0, 600), random.Chance(0.3)));
        }

        var whole = new EventSnapshotBuilder();
        foreach (var user in users) whole.AddUser(user.Id, user.Device, user.Sex);
        for (var i = 0; i < visits.Count; i++)
            whole.AddVisit(visits[i].User, visits[i].Page, visits[i].Time, i + 1, visits[i].Duration, visits[i].Starts);
        var expected = whole.Build();

        // The same visits in store order, cut into random batches; a user arrives with its first visit's batch.
        var grown = EventSnapshot.Empty;
        var known = new HashSet<long>();
        for (var i = 0; i < visits.Count;)
        {
            var end = Math.Min(visits.Count, i + random.Next(1, 200));
            var batch = new EventSnapshotBuilder();
            for (; i < end; i++)
            {
                if (known.Add(visits[i].User))
                {
                    var user = users.First(x => x.Id == visits[i].User);
                    batch.AddUser(user.Id, user.Device, user.Sex);
                }
                batch.AddVisit(visits[i].User, visits[i].Page, visits[i].Time, i + 1, visits[i].Duration, visits[i].Starts);
            }
            grown = batch.MergeInto(grown);
        }

        // Users without visits are only in the whole build; compare the users that have visits.
        var withVisits = Enumerable.Range(0, expected.UserCount).Where(u => expected.EventStart[u + 1] > expected.EventStart[u]).ToArray();
        Assert.Equal(withVisits.Select(u => expected.UserIds[u]), grown.UserIds);
        Assert.Equal(withVisits.Select(u => expected.UserDevice[u]), grown.UserDevice);
        Assert.Equal(expected.EventTime, grown.EventTime);
        Assert.Equal(expected.EventPage, grown.EventPage);
        Assert.Equal(expected.EventDuration, grown.EventDuration);
        Assert.Equal(expected.SessionCount, grown.SessionCount);
        Assert.Equal(expected.LastEventId, grown.LastEventId);
        Assert.Equal(expected.DataRange, grown.DataRange);
        Assert.Equal(Users(expected), Users(grown));
    }

    static long[] Users(EventSnapshot snapshot) => FunnelEngine.Compute(snapshot, FunnelQuery.Default).Steps.Select(s => s.Users).ToArray();
}
