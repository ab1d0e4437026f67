using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Tests.Storage;

/// <summary>The live write path, for every store (see the subclasses in EventStoreConformanceTests.cs).</summary>
public abstract partial class EventStoreConformanceTests
{
    static readonly DateTime Live = new(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);

    static CapturedEvent Visit(long user, string session, FunnelPage page, DateTime at, int duration = 30, Device? device = null, Sex? sex = null) =>
        new(user, session, page, at, duration, Device: device, Sex: sex);

    static CapturedEvent Click(long user, string session, FunnelPage page, DateTime at) =>
        new(user, session, page, at, Interaction: InteractionType.Click, ElementId: "pay_button", X: 10, Y: 20);

    static CaptureBatch Captured(string id, params CapturedEvent[] events) => new(id, events);

    [Fact]
    public async Task Captured_events_create_their_users_and_sessions()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        await store.CaptureAsync([Captured("b1",
            Visit(7, "s1", FunnelPage.Home, Live, 40, Device.Mobile),
            Visit(7, "s1", FunnelPage.Search, Live.AddSeconds(60), 30),
            Click(7, "s1", FunnelPage.Search, Live.AddSeconds(70)),
            Visit(8, "s1", FunnelPage.Home, Live.AddSeconds(5), 20))]);

        // User 8 said nothing of device or sex: the documented defaults. The same client session id under two users is two sessions.
        Assert.Equal([new User(7, new DateOnly(2026, 11, 22), Device.Mobile, Sex.Male), new User(8, new DateOnly(2026, 11, 22), Device.Desktop, Sex.Male)],
            await store.ReadUsersAsync().ToListAsync());
        var sessions = await store.ReadSessionsAsync().ToListAsync();
        Assert.Equal([(7L, Live, Live.AddSeconds(90), false), (8L, Live.AddSeconds(5), Live.AddSeconds(25), false)],
            sessions.Select(s => (s.UserId, s.Start, s.End, s.Converted)));
        var visits = await store.ReadPageVisitsAsync().ToListAsync();
        Assert.Equal([(7L, sessions[0].Id, FunnelPage.Home, Live, 40), (7L, sessions[0].Id, FunnelPage.Search, Live.AddSeconds(60), 30), (8L, sessions[1].Id, FunnelPage.Home, Live.AddSeconds(5), 20)],
            visits.Select(v => (v.UserId, v.SessionId, v.Page, v.Timestamp, v.DurationSeconds)));
        Assert.Equal([new Interaction(0, 7, sessions[0].Id, FunnelPage.Search, InteractionType.Click, "pay_button", 10, 20, Live.AddSeconds(70))],
            (await store.ReadInteractionsAsync().ToListAsync()).Select(i => i with { Id = 0 }));
    }

    [Fact]
    public async Task Later_events_extend_sessions_convert_them_and_update_their_users()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        await store.CaptureAsync([Captured("b1", Visit(7, "s1", FunnelPage.Payment, Live, 100))]);
        await store.CaptureAsync([Captured("b2",
            Visit(7, "s1", FunnelPage.Confirmation, Live.AddSeconds(200), 10, sex: Sex.Female),
            Visit(7, "s1", FunnelPage.Home, Live.AddDays(-1), 15))]);

        // An earlier event moves the session start and the first visit back; sex given later replaces the default.
        Assert.Equal([new User(7, new DateOnly(2026, 11, 21), Device.Desktop, Sex.Female)], await store.ReadUsersAsync().ToListAsync());
        var session = Assert.Single(await store.ReadSessionsAsync().ToListAsync());
        Assert.Equal((Live.AddDays(-1), Live.AddSeconds(210), true), (session.Start, session.End, session.Converted));
    }

    [Fact]
    public async Task Events_of_users_already_stored_join_them()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        await store.ImportAsync(Batch("a", 100));
        await store.CaptureAsync([Captured("b1", Visit(100, "live", FunnelPage.Home, Live))]);

        Assert.Equal(new User(100, new DateOnly(2015, 3, 1), Device.Mobile, Sex.Female), (await store.ReadUsersAsync().ToListAsync())[0]);
        Assert.Equal(3, (await store.ReadSessionsAsync().ToListAsync()).Count);
    }

    [Fact]
    public async Task A_retried_batch_is_stored_once_even_when_retries_race()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        var batch = Captured("retry-me", Visit(7, "s1", FunnelPage.Home, Live), Click(7, "s1", FunnelPage.Home, Live.AddSeconds(3)));

        Assert.Equal([true, false], await store.CaptureAsync([batch, batch]));
        Assert.Equal([false], await store.CaptureAsync([batch]));
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => store.CaptureAsync([batch with { BatchId = "race" }]))));

        Assert.Equal(1, racing.Count(r => r[0]));
        Assert.Equal(new StoreCounts(1, 1, 2, 2, 0), await store.CountAsync());
    }

    [Fact]
    public async Task Captured_sessions_never_collide_with_imported_ones()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        await store.CaptureAsync([Captured("b1", Visit(7, "s1", FunnelPage.Home, Live), Visit(7, "s2", FunnelPage.Home, Live))]);

        // The largest session id an import can give (the largest user id the importer accepts, its last ordinal).
        const long largestUser = long.MaxValue / 16 - 1;
        var import = Batch("a", largestUser, users: 1);
        import = import with { Sessions = [import.Sessions[0] with { Id = JourneySynthesizer.SessionId(largestUser, 7) }] };
        import = import with { PageVisits = import.PageVisits.Select(v => v with { SessionId = import.Sessions[0].Id }).ToList(), Interactions = [] };
        await store.ImportAsync(import);
        await store.CaptureAsync([Captured("b2", Visit(7, "s3", FunnelPage.Home, Live))]);

        var ids = (await store.ReadSessionsAsync().ToListAsync()).Select(s => s.Id).ToList();
        Assert.Equal(4, ids.Distinct().Count());
        Assert.All(ids.Where(id => id != import.Sessions[0].Id), id => Assert.True(id >= SqlEventStore.FirstCapturedSessionId));
        Assert.True(import.Sessions[0].Id < SqlEventStore.FirstCapturedSessionId);
    }

    [Fact]
    public async Task Event_ids_keep_increasing_across_imports_and_captures()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        await store.ImportAsync(Batch("a", 100));
        await store.CaptureAsync([Captured("b1", Visit(7, "s1", FunnelPage.Home, Live), Visit(8, "s1", FunnelPage.Home, Live))]);
        await store.ImportAsync(Batch("b", 200));

        var visits = await store.ReadPageVisitsAsync().ToListAsync();
        Assert.Equal(visits.Select(v => v.Id).Order(), visits.Select(v => v.Id));
        Assert.Equal([100L, 100, 101, 101, 7, 8, 200, 200, 201, 201], visits.Select(v => v.UserId));
    }

    [Fact]
    public async Task A_failing_capture_stores_nothing_and_can_be_retried()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        var good = Captured("b1", Visit(7, "s1", FunnelPage.Home, Live), Click(7, "s1", FunnelPage.Home, Live.AddSeconds(2)));
        // A null element id breaks a NOT NULL column on the last insert, after the users, sessions and visits were written.
        var broken = good with { Events = [good.Events[0], good.Events[1] with { ElementId = null! }] };

        await Assert.ThrowsAnyAsync<Exception>(() => store.CaptureAsync([Captured("b0", Visit(9, "x", FunnelPage.Home, Live)), broken]));

        Assert.Equal(new StoreCounts(0, 0, 0, 0, 0), await store.CountAsync());
        Assert.Equal([true], await store.CaptureAsync([good]));
        Assert.Equal(new StoreCounts(1, 1, 1, 1, 0), await store.CountAsync());
    }
}
