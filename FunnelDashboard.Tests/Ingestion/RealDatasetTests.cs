using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunnelDashboard.Tests.Ingestion;

/// <summary>
/// The published dataset (../shared/data/ecommerce-funnel, read in place where this machine has it) imported into both
/// stores: the funnel must find exactly the counts the dataset is known for.
/// </summary>
public abstract class RealDatasetTests
{
    protected abstract IEventStore CreateStore();

    [RealDatasetFact]
    public async Task Funnel_of_the_published_dataset_has_its_known_counts()
    {
        var folder = TestPaths.RealDataset!;

        var store = CreateStore();
        await store.InitializeAsync();
        await new DatasetImporter(store, NullLogger<DatasetImporter>.Instance).ImportAsync(folder);
        var snapshot = await SnapshotLoader.GrowAsync(store, EventSnapshot.Empty);

        var result = FunnelEngine.Compute(snapshot, FunnelQuery.Default with { Breakdown = Breakdown.Device });
        Assert.Equal([90_400L, 45_200, 6_030, 452], result.Steps.Select(s => s.Users));
        Assert.Equal([60_200L, 30_100, 3_010, 150], result.Groups!.Single(g => g.Value == "Desktop").Steps.Select(s => s.Users));
        Assert.Equal([30_200L, 15_100, 3_020, 302], result.Groups!.Single(g => g.Value == "Mobile").Steps.Select(s => s.Users));
        Assert.Equal(new DateOnly(2015, 1, 1), snapshot.DataRange!.From);
    }
}

public sealed class SqliteRealDatasetTests : RealDatasetTests, IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();
    protected override IEventStore CreateStore() => new SqliteEventStore(Path.Combine(folder, "funnel.db"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

public sealed class PostgresRealDatasetTests(PostgresDatabase database) : RealDatasetTests, IClassFixture<PostgresDatabase>
{
    protected override IEventStore CreateStore() => new PostgresEventStore(Npgsql.NpgsqlDataSource.Create(database.ConnectionString));
}
