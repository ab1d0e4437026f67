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
        Assert.Equal([FunnelPage.Home, FunnelPage.Search, FunnelPage.Payment], Enumerable.Range(0, 3).Select(Whole(after).PageOf));
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

        Assert.Equal([10L, 20, 30], Whole(after).UserIds);
        Assert.Equal([(byte)Device.Desktop, (byte)Device.Mobile, (byte)Device.Mobile], Whole(after).UserDevice);
        Assert.Equal([0, 1, 2, 3], Whole(after).EventStart);
        Assert.Equal(new DateRange(new DateOnly(2015, 1, 5), new DateOnly(2015, 1, 7)), after.DataRange);
    }

    [Fact]
    public void A_small_tail_rewrites_only_the_recent_part_and_a_larger_one_folds_it_into_the_base()
    {
        // 100 users with 10 visits each: 1,100 rows and users in the base, so the recent part may hold 1,100 / 16 = 68.75.
        var builder = new EventSnapshotBuilder();
        for (var u = 1; u <= 100; u++)
        {
            builder.AddUser(u, Device.Desktop, Sex.Male);
            for (var v = 0; v < 10; v++) builder.AddVisit(u, FunnelPage.Home, SnapshotFactory.At("2015-01-05 10:00").AddMinutes(v));
        }
        var before = builder.Build();

        // User 50 returns (its 10 visits move with it) and user 200 arrives: 12 visits and 2 users.
        var after = new EventSnapshotBuilder()
            .AddVisit(50, FunnelPage.Search, SnapshotFactory.At("2015-01-06 10:00"))
            .AddUser(200, Device.Mobile, Sex.Female).AddVisit(200, FunnelPage.Home, SnapshotFactory.At("2015-01-06 10:00"))
            .MergeInto(before);
        Assert.Same(before.Base, after.Base);
        Assert.Equal([50L, 200], after.Recent.UserIds);
        Assert.Equal([0, 11, 12], after.Recent.EventStart);
        Assert.Equal((101, 1002), (after.UserCount, after.EventCount));
        Assert.Equal(Enumerable.Range(1, 100).Select(id => (long)id).Append(200), after.UserIds);
        Assert.Equal(11, after.Find(50)!.Value.Visits.End - after.Find(50)!.Value.Visits.Start);

        // Six more returning users: 78 visits and 8 users in the recent part, past its share, so it is folded.
        var more = new EventSnapshotBuilder();
        for (var u = 1; u <= 6; u++) more.AddVisit(u, FunnelPage.Search, SnapshotFactory.At("2015-01-07 10:00"));
        var folded = more.MergeInto(after);
        Assert.Equal((0, 101, 1008), (folded.Recent.UserCount, folded.Base.UserCount, folded.EventCount));
        Assert.Equal([101L, 7, 0, 0], Users(folded)); // home: everyone; search: users 1 to 6 and 50
    }

    [Fact]
    public void A_visit_of_a_user_the_snapshot_does_not_know_is_refused()
    {
        var builder = new EventSnapshotBuilder().AddVisit(5, FunnelPage.Home, SnapshotFactory.At("2015-01-07 10:00"));
        var error = Assert.Throws<InvalidOperationException>(() => builder.MergeInto(EventSnapshot.Empty));
        Assert.Contains("unknown user 5", error.Message);
    }

    [Fact]
    public void A_late_interaction_lands_in_time_order_with_its_page_type_and_position()
    {
        var before = new EventSnapshotBuilder().AddUser(1, Device.Mobile, Sex.Male)
            .AddVisit(1, FunnelPage.Home, SnapshotFactory.At("2015-01-05 10:00"), eventId: 1, startsSession: true)
            .AddInteraction(1, FunnelPage.Home, InteractionType.Scroll, SnapshotFactory.At("2015-01-05 10:03"), 10, 20, interactionId: 4)
            .Build();

        var after = new EventSnapshotBuilder()
            .AddInteraction(1, FunnelPage.Home, InteractionType.Click, SnapshotFactory.At("2015-01-05 10:01"), 390, -5, interactionId: 5)
            .MergeInto(before);

        Assert.Equal([0, 2], Whole(after).InteractionStart);
        Assert.Equal([InteractionType.Click, InteractionType.Scroll], Whole(after).InteractionKind.Select(EventSnapshot.InteractionTypeOf));
        Assert.Equal([FunnelPage.Home, FunnelPage.Home], Whole(after).InteractionKind.Select(EventSnapshot.InteractionPageOf));
        Assert.Equal([(short)390, (short)10], Whole(after).InteractionX);
        Assert.Equal([(short)-5, (short)20], Whole(after).InteractionY);
        Assert.Equal(5, after.LastInteractionId);
        Assert.Equal(1, after.EventCount); // no visit was added
        Assert.Equal(1, before.InteractionCount);
    }

    [Fact]
    public void Column_bytes_count_every_column()
    {
        var snapshot = new EventSnapshotBuilder().AddUser(1, Device.Mobile, Sex.Male)
            .AddVisit(1, FunnelPage.Home, SnapshotFactory.At("2015-01-05 10:00"))
            .AddInteraction(1, FunnelPage.Home, InteractionType.Click, SnapshotFactory.At("2015-01-05 10:01"), 1, 2)
            .Build();
        // A user: id 8, device 1, sex 1, two offsets of 4 each side (visit and interaction starts have users + 1 entries);
        // the empty recent part: one offset of each.
        Assert.Equal(8 + 1 + 1 + 2 * 4 + 2 * 4 + 7 + 9 + 2 * 4, snapshot.ColumnBytes);
    }

    // Folding the recent part into the base as the app does (1/16), never, and at every batch.
    [Theory]
    [InlineData(1, 1.0 / 16)]
    [InlineData(2, 1.0 / 16)]
    [InlineData(3, 1.0 / 16)]
    [InlineData(4, double.PositiveInfinity)]
    [InlineData(5, 0)]
    public void Growing_in_random_batches_with_late_events_gives_the_same_snapshot_as_one_build(long seed, double maxRecentShare)
    {
        var random = new SplitMix64((ulong)seed);
        var visits = new List<(long User, FunnelPage Page, DateTime Time, int Duration, bool Starts)>();
        var interactions = new List<(long User, FunnelPage Page, InteractionType Type, DateTime Time, int X, int Y)>();
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
            for (var i = random.Next(0, 15); i > 0; i--)
                interactions.Add((id, (FunnelPage)random.Next(0, 4), (InteractionType)random.Next(0, 6),
                    SnapshotFactory.At("2015-01-05 10:00").AddMinutes(random.Next(0, 30)), random.Next(-100, 2000), random.Next(0, 3000)));
        }

        var whole = new EventSnapshotBuilder();
        foreach (var user in users) whole.AddUser(user.Id, user.Device, user.Sex);
        for (var i = 0; i < visits.Count; i++)
            whole.AddVisit(visits[i].User, visits[i].Page, visits[i].Time, i + 1, visits[i].Duration, visits[i].Starts);
        for (var i = 0; i < interactions.Count; i++)
            whole.AddInteraction(interactions[i].User, interactions[i].Page, interactions[i].Type, interactions[i].Time, interactions[i].X, interactions[i].Y, i + 1);
        var expected = whole.Build();

        // The same events in store order, cut into random batches of visits and interactions; a user arrives with the
        // first batch that has one of its events.
        var grown = EventSnapshot.Empty;
        var known = new HashSet<long>();
        for (int v = 0, n = 0; v < visits.Count || n < interactions.Count;)
        {
            var batch = new EventSnapshotBuilder { MaxRecentShare = maxRecentShare };
            void Arrive(long id)
            {
                if (!known.Add(id)) return;
                var user = users.First(x => x.Id == id);
                batch.AddUser(user.Id, user.Device, user.Sex);
            }
            for (var end = Math.Min(visits.Count, v + random.Next(0, 200)); v < end; v++)
            {
                Arrive(visits[v].User);
                batch.AddVisit(visits[v].User, visits[v].Page, visits[v].Time, v + 1, visits[v].Duration, visits[v].Starts);
            }
            for (var end = Math.Min(interactions.Count, n + random.Next(0, 200)); n < end; n++)
            {
                Arrive(interactions[n].User);
                batch.AddInteraction(interactions[n].User, interactions[n].Page, interactions[n].Type, interactions[n].Time, interactions[n].X, interactions[n].Y, n + 1);
            }
            grown = batch.MergeInto(grown);
        }

        if (double.IsPositiveInfinity(maxRecentShare)) Assert.True(grown.Recent.UserCount > 0 && grown.Base.UserCount > 0);
        if (maxRecentShare == 0) Assert.Equal(0, grown.Recent.UserCount);
        var (want, got) = (Whole(expected), Whole(grown));
        // Users without events are only in the whole build; compare the users that have some.
        var withEvents = Enumerable.Range(0, expected.UserCount)
            .Where(u => want.EventStart[u + 1] > want.EventStart[u] || want.InteractionStart[u + 1] > want.InteractionStart[u]).ToArray();
        Assert.Equal(withEvents.Select(u => want.UserIds[u]), got.UserIds);
        Assert.Equal(withEvents.Select(u => want.UserDevice[u]), got.UserDevice);
        Assert.Equal(withEvents.Select(u => want.EventStart[u + 1] - want.EventStart[u]), Enumerable.Range(0, grown.UserCount).Select(u => got.EventStart[u + 1] - got.EventStart[u]));
        Assert.Equal(want.EventTime, got.EventTime);
        Assert.Equal(want.EventPage, got.EventPage);
        Assert.Equal(want.EventDuration, got.EventDuration);
        Assert.Equal(expected.SessionCount, grown.SessionCount);
        Assert.Equal(expected.LastEventId, grown.LastEventId);
        Assert.Equal(expected.DataRange, grown.DataRange);
        Assert.Equal(withEvents.Select(u => want.InteractionStart[u + 1] - want.InteractionStart[u]),
            Enumerable.Range(0, grown.UserCount).Select(u => got.InteractionStart[u + 1] - got.InteractionStart[u]));
        Assert.Equal(want.InteractionTime, got.InteractionTime);
        Assert.Equal(want.InteractionKind, got.InteractionKind);
        Assert.Equal(want.InteractionX, got.InteractionX);
        Assert.Equal(want.InteractionY, got.InteractionY);
        Assert.Equal(expected.LastInteractionId, grown.LastInteractionId);
        Assert.Equal(Users(expected), Users(grown));
        AssertSameAnswers(new EventSnapshotBuilder { MaxRecentShare = 0 }.MergeInto(grown), grown);
    }

    /// <summary>Every analysis answers the same on a snapshot split into base and recent parts as on the same rows in one part.</summary>
    static void AssertSameAnswers(EventSnapshot whole, EventSnapshot split)
    {
        Assert.Equal(whole.UserIds, split.UserIds);
        Assert.Equal((whole.UserCount, whole.EventCount, whole.InteractionCount, whole.SessionCount), (split.UserCount, split.EventCount, split.InteractionCount, split.SessionCount));
        var options = new System.Text.Json.JsonSerializerOptions { IncludeFields = true };
        var filter = new FunnelFilter { Device = Device.Mobile };
        var now = EventSnapshot.ToDateTime(whole.LastEventTime);
        Func<EventSnapshot, object?>[] analyses =
        [
            s => FunnelEngine.Compute(s, FunnelQuery.Default with { Breakdown = Breakdown.Device, WindowHours = 1 }),
            s => FunnelEngine.DailyByGroup(s, FunnelQuery.Default with { Breakdown = Breakdown.Sex }),
            s => FunnelEngine.DailySessions(s, filter),
            s => FunnelEngine.Activity(s, FunnelFilter.All),
            s => CohortRetention.Of(s, new CohortQuery(FunnelFilter.All)),
            s => UserJourneys.Of(s, new JourneyQuery(filter)),
            s => SentimentAnalysis.Of(s, new SentimentQuery(FunnelFilter.All)),
            s => DailyVisits.Of(s),
            s => LiveMetrics.Compute(s, now),
            s => s.UserIds.Select(id => UserBehavior.Of(s, id, FunnelFilter.All)).ToList(),
        ];
        foreach (var analysis in analyses)
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(analysis(whole), options), System.Text.Json.JsonSerializer.Serialize(analysis(split), options));
    }

    /// <summary>The snapshot's rows as one part (its recent part folded into the base).</summary>
    static SnapshotPart Whole(EventSnapshot snapshot) => new EventSnapshotBuilder { MaxRecentShare = 0 }.MergeInto(snapshot).Base;

    static long[] Users(EventSnapshot snapshot) => FunnelEngine.Compute(snapshot, FunnelQuery.Default).Steps.Select(s => s.Users).ToArray();
}
