using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using FunnelDashboard.Tests.Support;

namespace FunnelDashboard.Tests.Api;

public class StoreFailureTests
{
    [Fact]
    public async Task An_unreachable_store_gives_503_health_and_the_app_keeps_serving()
    {
        using var app = new FunnelAppFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Timeout=1",
        });
        var client = app.CreateClient();
        await app.WaitForStateAsync(AnalyticsState.Unavailable);

        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var json = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unhealthy", json.GetProperty("services").GetProperty("store").GetProperty("status").GetString());

        // The API answers from the (empty) snapshot instead of failing, and the page still renders.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/funnel/analysis")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Restarting_keeps_the_data_and_does_not_seed_again()
    {
        var dbFolder = TestPaths.NewTempFolder();
        var settings = new Dictionary<string, string?> { ["Storage:SqlitePath"] = Path.Combine(dbFolder, "funnel.db") };
        StoreCounts before;
        using (var first = new FunnelAppFactory(settings))
        {
            first.CreateClient();
            await first.WaitForStateAsync(AnalyticsState.Ready);
            before = await first.Services.GetRequiredService<IEventStore>().CountAsync();
        }

        // The second start is offered another seed dataset: it must keep the stored data and import nothing.
        var otherSeed = Path.Combine(dbFolder, "other-seed");
        DatasetGenerator.Generate(otherSeed, 100, seed: 99);
        using var second = new FunnelAppFactory(new Dictionary<string, string?>(settings) { ["Seeding:Folder"] = otherSeed });
        second.CreateClient();
        await second.WaitForStateAsync(AnalyticsState.Ready);

        Assert.Equal(1, before.Imports);
        Assert.Equal(before, await second.Services.GetRequiredService<IEventStore>().CountAsync());
        Assert.Equal(before.Users, FunnelEngine.Compute(((FunnelAnalytics)second.Analytics).Snapshot, FunnelQuery.Default).Steps[0].Users);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dbFolder, recursive: true);
    }

    [Fact]
    public async Task A_broken_seed_dataset_is_reported_and_the_app_keeps_running()
    {
        using var app = new FunnelAppFactory();
        File.AppendAllText(Path.Combine(app.SeedFolder, DatasetFiles.Users), "oops,2015-01-01,Desktop,Male\n");
        var client = app.CreateClient();
        await app.WaitForStateAsync(AnalyticsState.Unavailable);

        Assert.StartsWith("The seed dataset could not be imported: user_table.csv line 3002: 'oops' is not a user id", app.Analytics.Current.StatusMessage);
        Assert.Equal(new StoreCounts(0, 0, 0, 0, 0), await app.Services.GetRequiredService<IEventStore>().CountAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
