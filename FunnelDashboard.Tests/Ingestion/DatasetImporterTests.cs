using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunnelDashboard.Tests.Ingestion;

public class DatasetImporterTests : IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();
    readonly SqliteEventStore store;

    public DatasetImporterTests() => store = new SqliteEventStore(Path.Combine(folder, "funnel.db"));

    DatasetImporter Importer => new(store, NullLogger<DatasetImporter>.Instance);

    string Generated(string name, int users, long seed)
    {
        var path = Path.Combine(folder, name);
        DatasetGenerator.Generate(path, users, seed);
        return path;
    }

    [Fact]
    public async Task Imports_a_folder_and_the_funnel_matches_its_csvs()
    {
        await store.InitializeAsync();
        var data = Generated("a", 2_000, 5);
        var result = await Importer.ImportAsync(data);

        var dataset = DatasetReader.Read(data);
        Assert.False(result.AlreadyImported);
        Assert.Equal(2_000, result.Users);
        var funnel = FunnelEngine.Compute(await SnapshotLoader.GrowAsync(store, EventSnapshot.Empty), FunnelQuery.Default).Steps;
        Assert.Equal(Names.AllPages.Select(p => (long)dataset.UsersReaching(p)), funnel.Select(s => s.Users));
    }

    [Fact]
    public async Task Importing_the_same_folder_twice_duplicates_nothing()
    {
        await store.InitializeAsync();
        var data = Generated("a", 500, 5);
        await Importer.ImportAsync(data);
        var counts = await store.CountAsync();

        var again = await Importer.ImportAsync(data);

        Assert.True(again.AlreadyImported);
        Assert.Equal(counts, await store.CountAsync());
    }

    [Fact]
    public async Task Users_stored_by_another_import_are_an_error_naming_the_line_and_nothing_is_added()
    {
        await store.InitializeAsync();
        var first = Generated("a", 500, 5);
        await Importer.ImportAsync(first);
        var counts = await store.CountAsync();

        // Same users, one changed date: a different folder whose users are all stored already.
        var second = Path.Combine(folder, "b");
        Directory.CreateDirectory(second);
        foreach (var file in Directory.GetFiles(first)) File.Copy(file, Path.Combine(second, Path.GetFileName(file)));
        var lines = File.ReadAllLines(Path.Combine(second, "user_table.csv"));
        lines[1] = lines[1].Replace("2015-", "2016-");
        File.WriteAllLines(Path.Combine(second, "user_table.csv"), lines);

        var error = await Assert.ThrowsAsync<ImportException>(() => Importer.ImportAsync(second));
        Assert.StartsWith("user_table.csv line 2: user ", error.Message);
        Assert.Contains("already stored", error.Message);
        Assert.Equal(counts, await store.CountAsync());
    }

    [Fact]
    public async Task Bad_input_stores_nothing()
    {
        await store.InitializeAsync();
        var data = Generated("a", 300, 5);
        File.AppendAllText(Path.Combine(data, "payment_confirmation_table.csv"), "999999999,payment_confirmation_page\n");

        var error = await Assert.ThrowsAsync<ImportException>(() => Importer.ImportAsync(data));

        Assert.Contains("payment_confirmation_table.csv line", error.Message);
        Assert.Equal(new StoreCounts(0, 0, 0, 0, 0), await store.CountAsync());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
