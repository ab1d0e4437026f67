using System.Collections;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Tests.Support;

namespace FunnelDashboard.Tests.Ingestion;

/// <summary>
/// An import is one transaction on both stores: a failure in any table (not only the first) or a cancellation halfway
/// leaves the store exactly as it was, without the import's record.
/// </summary>
public abstract class AllOrNothingImportTests
{
    protected abstract IEventStore CreateStore();

    static readonly DateTime T0 = new(2015, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>Users firstUser.. with one session, two visits and one interaction each.</summary>
    static ImportBatch Batch(string fingerprint, long firstUser, int users)
    {
        var ids = Enumerable.Range(0, users).Select(i => firstUser + i).ToList();
        return new ImportBatch(fingerprint, "test",
            ids.Select(id => new User(id, new DateOnly(2015, 3, 1), Device.Desktop, Sex.Male)).ToList(),
            ids.Select(id => new Session(id * 10, id, T0, T0.AddMinutes(5), false)).ToList(),
            ids.SelectMany(id => new[] { new PageVisit(0, id, id * 10, FunnelPage.Home, T0, 30), new PageVisit(0, id, id * 10, FunnelPage.Search, T0.AddMinutes(1), 30) }).ToList(),
            ids.Select(id => new Interaction(0, id, id * 10, FunnelPage.Home, InteractionType.Click, "search_box", 1, 2, T0)).ToList());
    }

    /// <summary>The batch of users 1000.. broken in one table, past the rows of the tables before it.</summary>
    public static TheoryData<string> LaterTables => new() { "sessions", "page_visits", "interactions", "imports" };

    static ImportBatch BrokenIn(string table)
    {
        var batch = Batch("new", 1000, users: 500);
        return table switch
        {
            // Session 10 belongs to the already stored user 1: a duplicate key after 500 users were written.
            "sessions" => batch with { Sessions = [.. batch.Sessions, new Session(10, 1000, T0, T0, false)] },
            // A visit and an interaction in a session that does not exist: a foreign key failure after all sessions.
            "page_visits" => batch with { PageVisits = [.. batch.PageVisits, new PageVisit(0, 1000, 999_999, FunnelPage.Home, T0, 1)] },
            "interactions" => batch with { Interactions = [.. batch.Interactions, new Interaction(0, 1000, 999_999, FunnelPage.Home, InteractionType.Click, "x", 0, 0, T0)] },
            // The import record comes last: a fingerprint already recorded fails after every row was written.
            _ => batch with { Fingerprint = "stored" },
        };
    }

    [Theory]
    [MemberData(nameof(LaterTables))]
    public async Task A_failure_in_a_later_table_stores_nothing(string table)
    {
        var store = CreateStore();
        await store.InitializeAsync();
        await store.ImportAsync(Batch("stored", 1, users: 3));
        var before = await store.CountAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => store.ImportAsync(BrokenIn(table)));

        Assert.Equal(before, await store.CountAsync());
        Assert.Empty(await store.FindStoredUsersAsync([1000, 1499]));
        Assert.False(await store.WasImportedAsync("new"));
    }

    [Theory]
    [InlineData("page_visits")]
    [InlineData("interactions")]
    public async Task A_cancellation_halfway_stores_nothing(string table)
    {
        var store = CreateStore();
        await store.InitializeAsync();
        await store.ImportAsync(Batch("stored", 1, users: 3));
        var before = await store.CountAsync();
        using var cancel = new CancellationTokenSource();
        var batch = Batch("new", 1000, users: 2000);
        // The store reads the rows of that table one by one: the import is cancelled when it has written half of them.
        batch = table == "page_visits"
            ? batch with { PageVisits = new CancelAt<PageVisit>(batch.PageVisits, batch.PageVisits.Count / 2, cancel) }
            : batch with { Interactions = new CancelAt<Interaction>(batch.Interactions, batch.Interactions.Count / 2, cancel) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ImportAsync(batch, cancel.Token));

        Assert.Equal(before, await store.CountAsync());
        Assert.False(await store.WasImportedAsync("new"));
    }

    /// <summary>A list that cancels the import when its row at <paramref name="at"/> is read.</summary>
    sealed class CancelAt<T>(IReadOnlyList<T> rows, int at, CancellationTokenSource cancel) : IReadOnlyList<T>
    {
        public int Count => rows.Count;

        public T this[int index]
        {
            get
            {
                if (index == at) cancel.Cancel();
                return rows[index];
            }
        }

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < rows.Count; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

public sealed class SqliteAllOrNothingImportTests : AllOrNothingImportTests, IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();
    protected override IEventStore CreateStore() => new SqliteEventStore(Path.Combine(folder, "funnel.db"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

public sealed class PostgresAllOrNothingImportTests(PostgresDatabase database) : AllOrNothingImportTests, IClassFixture<PostgresDatabase>
{
    protected override IEventStore CreateStore()
    {
        // Each test gets an empty schema: drop what an earlier test of this class created.
        using var dataSource = Npgsql.NpgsqlDataSource.Create(database.ConnectionString);
        using var command = dataSource.CreateCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        command.ExecuteNonQuery();
        return new PostgresEventStore(Npgsql.NpgsqlDataSource.Create(database.ConnectionString));
    }
}
