using FunnelDashboard.Core.Storage;
using FunnelDashboard.Core.Vectors;
using FunnelDashboard.Tests.Support;

namespace FunnelDashboard.Tests.Vectors;

/// <summary>The same round trip on both stores (SQLite and PostgreSQL subclasses below).</summary>
public abstract class VectorStoreTests
{
    protected abstract VectorStore CreateStore();

    static StoredVector Entry(long id, string? device, params float[] embedding) => new(id, $"user-{id}", device, embedding, 1_420_070_400 + id);

    [Fact]
    public async Task Stored_entries_read_back_exactly_per_collection()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        await store.InitializeAsync();
        StoredVector[] users = [Entry(2, "Mobile", 0.5f, -1.25f, 3e-8f), Entry(1, null, float.MaxValue, 0, -0f)];
        await store.UpsertAsync(VectorCollections.UserBehavior, users);
        await store.UpsertAsync(VectorCollections.PageInteraction, [Entry(1, "click", 9, 9, 9)]);

        var loaded = await store.LoadAsync(VectorCollections.UserBehavior);

        Assert.Equal([1L, 2L], loaded.Select(v => v.Id));
        foreach (var (expected, actual) in users.OrderBy(u => u.Id).Zip(loaded))
        {
            Assert.Equal((expected.Key, expected.Attribute, expected.Timestamp), (actual.Key, actual.Attribute, actual.Timestamp));
            Assert.Equal(expected.Embedding, actual.Embedding);
        }
        Assert.Empty(await store.LoadAsync("no_such_collection"));
    }

    [Fact]
    public async Task Upserting_an_id_again_replaces_it_and_delete_empties_only_its_collection()
    {
        var store = CreateStore();
        await store.InitializeAsync();
        await store.UpsertAsync(VectorCollections.UserBehavior, [Entry(7, "Desktop", 1, 2)]);
        await store.UpsertAsync(VectorCollections.PageInteraction, [Entry(7, "scroll", 5)]);

        await store.UpsertAsync(VectorCollections.UserBehavior, [Entry(7, "Mobile", 3, 4, 5)]);
        var replaced = Assert.Single(await store.LoadAsync(VectorCollections.UserBehavior));
        Assert.Equal("Mobile", replaced.Attribute);
        Assert.Equal([3f, 4f, 5f], replaced.Embedding);

        await store.DeleteAsync(VectorCollections.UserBehavior);
        Assert.Empty(await store.LoadAsync(VectorCollections.UserBehavior));
        Assert.Single(await store.LoadAsync(VectorCollections.PageInteraction));
    }
}

public sealed class SqliteVectorStoreTests : VectorStoreTests, IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    protected override VectorStore CreateStore() => new VectorStore(SqlDatabase.ForSqlite(Path.Combine(folder, Guid.NewGuid().ToString("N"), "funnel.db")));
}

public sealed class PostgresVectorStoreTests(PostgresDatabase database) : VectorStoreTests, IClassFixture<PostgresDatabase>
{
    protected override VectorStore CreateStore()
    {
        // Each test gets an empty schema: drop what an earlier test of this class created.
        using var dataSource = Npgsql.NpgsqlDataSource.Create(database.ConnectionString);
        using var command = dataSource.CreateCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        command.ExecuteNonQuery();
        return new VectorStore(SqlDatabase.ForPostgres(Npgsql.NpgsqlDataSource.Create(database.ConnectionString)));
    }
}
