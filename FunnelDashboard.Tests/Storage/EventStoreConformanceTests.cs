using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Tests.Storage;

/// <summary>The behaviour every store must have; run against SQLite and PostgreSQL by the subclasses below.</summary>
public abstract partial class EventStoreConformanceTests
{
    protected abstract IEventStore CreateStore();

    static readonly DateTime T0 = new(2015, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    protected static ImportBatch Batch(string fingerprint, long firstUser, int users = 2)
    {
        var userList = new List<User>();
        var sessions = new List<Session>();
        var visits = new List<PageVisit>();
        var interactions = new List<Interaction>();
        for (var id = firstUser; id < firstUser + users; id++)
        {
            userList.Add(new User(id, new DateOnly(2015, 3, 1), id % 2 == 0 ? Device.Mobile : Device.Desktop, Sex.Female));
            var sessionId = id * 8;
            sessions.Add(new Session(sessionId, id, T0, T0.AddMinutes(5), Converted: id % 2 == 0));
            visits.Add(new PageVisit(0, id, sessionId, FunnelPage.Home, T0, 42));
            visits.Add(new PageVisit(0, id, sessionId, FunnelPage.Search, T0.AddMinutes(1), 61));
            interactions.Add(new Interaction(0, id, sessionId, FunnelPage.Search, InteractionType.FormFill, "filter_panel", 10, 20, T0.AddMinutes(1).AddSeconds(5)));
        }
        return new ImportBatch(fingerprint, "test", userList, sessions, visits, interactions);
    }

    [Fact]
    public async Task Initialize_is_idempotent_and_starts_empty()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        await store.InitializeAsync();
        await store.PingAsync();
        Assert.Equal(new StoreCounts(0, 0, 0, 0, 0), await store.CountAsync());
    }

    [Fact]
    public async Task Imported_rows_read_back_exactly()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        var batch = Batch("a", 100);
        await store.ImportAsync(batch);

        Assert.Equal(batch.Users, await store.ReadUsersAsync().ToListAsync());
        Assert.Equal(batch.Sessions, await store.ReadSessionsAsync().ToListAsync());
        var visits = await store.ReadPageVisitsAsync().ToListAsync();
        Assert.Equal(batch.PageVisits.Select(v => v with { Id = 0 }), visits.Select(v => v with { Id = 0 }));
        Assert.All(visits, v => Assert.Equal(DateTimeKind.Utc, v.Timestamp.Kind));
        var interactions = await store.ReadInteractionsAsync().ToListAsync();
        Assert.Equal(batch.Interactions.Select(i => i with { Id = 0 }), interactions.Select(i => i with { Id = 0 }));
        Assert.Equal(new StoreCounts(2, 2, 4, 2, 1), await store.CountAsync());
    }

    [Fact]
    public async Task Event_ids_increase_with_every_append_so_readers_can_tail()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        await store.ImportAsync(Batch("a", 100));
        var first = await store.ReadPageVisitsAsync().ToListAsync();
        await store.ImportAsync(Batch("b", 200));

        var all = await store.ReadPageVisitsAsync().ToListAsync();
        Assert.Equal(all.Select(v => v.Id).Order(), all.Select(v => v.Id));
        Assert.Equal(all.Count, all.Select(v => v.Id).Distinct().Count());
        var newer = await store.ReadPageVisitsAsync(first.Max(v => v.Id)).ToListAsync();
        Assert.Equal([200L, 200, 201, 201], newer.Select(v => v.UserId));
        var newerInteractions = await store.ReadInteractionsAsync((await store.ReadInteractionsAsync().ToListAsync())[1].Id).ToListAsync();
        Assert.Equal([200L, 201], newerInteractions.Select(i => i.UserId));
    }

    [Fact]
    public async Task A_failing_import_stores_nothing()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        await store.ImportAsync(Batch("a", 100));
        var before = await store.CountAsync();

        // User 101 exists already: the insert fails after other rows of the batch were written.
        var clash = Batch("b", 50, users: 60);
        await Assert.ThrowsAnyAsync<Exception>(() => store.ImportAsync(clash));

        Assert.Equal(before, await store.CountAsync());
        Assert.False(await store.WasImportedAsync("b"));
    }

    [Fact]
    public async Task Remembers_imports_and_finds_stored_users()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        Assert.False(await store.WasImportedAsync("a"));
        await store.ImportAsync(Batch("a", 100));

        Assert.True(await store.WasImportedAsync("a"));
        Assert.Equal(new HashSet<long> { 101 }, await store.FindStoredUsersAsync([5, 101, 300]));
    }
}

public sealed class SqliteEventStoreTests : EventStoreConformanceTests, IDisposable
{
    readonly string folder = Support.TestPaths.NewTempFolder();

    protected override IEventStore CreateStore() => new SqliteEventStore(Path.Combine(folder, "nested", "funnel.db"));

    [Fact]
    public async Task Data_survives_reopening_the_file()
    {
        var path = Path.Combine(folder, "reopen.db");
        var store = new SqliteEventStore(path);
        await store.InitializeAsync();
        await store.ImportAsync(Batch("a", 100));

        var reopened = new SqliteEventStore(path);
        await reopened.InitializeAsync();
        Assert.Equal(2, (await reopened.CountAsync()).Users);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

public sealed class PostgresEventStoreTests(Support.PostgresDatabase database) : EventStoreConformanceTests, IClassFixture<Support.PostgresDatabase>
{
    protected override IEventStore CreateStore()
    {
        // Each test gets an empty schema: drop what an earlier test of this class created.
        using var dataSource = Npgsql.NpgsqlDataSource.Create(database.ConnectionString);
        using var command = dataSource.CreateCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        command.ExecuteNonQuery();
        return new PostgresEventStore(Npgsql.NpgsqlDataSource.Create(database.ConnectionString));
    }

    [Fact]
    public async Task An_unreachable_server_fails_ping_with_a_clear_error()
    {
        var store = new PostgresEventStore(Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=2"));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => store.PingAsync());
        Assert.Contains("127.0.0.1", error.Message + error.InnerException?.Message);
    }
}
