using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using FunnelDashboard.Tests.Support;

namespace FunnelDashboard.Tests.Api;

public class StoreFailureTests
{
    [Fact]
    public async Task An_unreachable_store_gives_503_health_and_503_analytics_and_the_app_keeps_serving()
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
        var store = json.GetProperty("services").GetProperty("store");
        Assert.Equal("Unhealthy", store.GetProperty("status").GetString());
        // The driver's own words ("Failed to connect to 127.0.0.1:1") are for the log, not for clients.
        Assert.Equal("Postgres store unreachable", store.GetProperty("description").GetString());

        // No data was ever loaded: "no answer", not zeros that look like "no users". The page still renders.
        foreach (var path in new[] { "/funnel/analysis", "/funnel/dropoff", "/dashboard/metrics" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task While_the_data_loads_the_api_answers_503_with_retry_after_then_the_data()
    {
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var app = new FunnelAppFactory(testServices: services => services.AddSingleton<IEventStore>(provider =>
            new GatedStore(new SqliteEventStore(provider.GetRequiredService<IOptions<StorageOptions>>().Value.SqlitePath), opened.Task)));
        var client = app.CreateClient();
        await app.WaitForStateAsync(AnalyticsState.Preparing);

        var waiting = await client.GetAsync("/funnel/analysis");
        opened.SetResult();
        await app.WaitForStateAsync(AnalyticsState.Ready);
        var ready = await client.GetAsync("/funnel/analysis");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, waiting.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), waiting.Headers.RetryAfter?.Delta);
        Assert.Equal("Data is being prepared", (await waiting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(FunnelAppFactory.SeedUsers, (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("steps")[0].GetProperty("users").GetInt64());
    }

    /// <summary>A store whose schema step waits for the test's signal, so the app stays in "preparing" until then.</summary>
    sealed class GatedStore(IEventStore inner, Task gate) : IEventStore
    {
        public string Provider => inner.Provider;
        public async Task InitializeAsync(CancellationToken ct = default) { await gate.WaitAsync(ct); await inner.InitializeAsync(ct); }
        public Task PingAsync(CancellationToken ct = default) => inner.PingAsync(ct);
        public Task<StoreCounts> CountAsync(CancellationToken ct = default) => inner.CountAsync(ct);
        public Task<IReadOnlySet<long>> FindStoredUsersAsync(IReadOnlyCollection<long> userIds, CancellationToken ct = default) => inner.FindStoredUsersAsync(userIds, ct);
        public Task<bool> WasImportedAsync(string fingerprint, CancellationToken ct = default) => inner.WasImportedAsync(fingerprint, ct);
        public Task ImportAsync(ImportBatch batch, CancellationToken ct = default) => inner.ImportAsync(batch, ct);
        public IAsyncEnumerable<FunnelDashboard.Core.Domain.User> ReadUsersAsync(CancellationToken ct = default) => inner.ReadUsersAsync(ct);
        public IAsyncEnumerable<FunnelDashboard.Core.Domain.Session> ReadSessionsAsync(CancellationToken ct = default) => inner.ReadSessionsAsync(ct);
        public IAsyncEnumerable<FunnelDashboard.Core.Domain.PageVisit> ReadPageVisitsAsync(long afterId = 0, CancellationToken ct = default) => inner.ReadPageVisitsAsync(afterId, ct);
        public IAsyncEnumerable<FunnelDashboard.Core.Domain.Interaction> ReadInteractionsAsync(long afterId = 0, CancellationToken ct = default) => inner.ReadInteractionsAsync(afterId, ct);
        public Task<IReadOnlyList<FunnelDashboard.Core.Domain.User>> ReadUsersAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default) => inner.ReadUsersAsync(ids, ct);
        public IAsyncEnumerable<SnapshotVisit> ReadVisitTailAsync(long afterId, CancellationToken ct = default) => inner.ReadVisitTailAsync(afterId, ct);
        public IAsyncEnumerable<SnapshotInteraction> ReadInteractionTailAsync(long afterId, CancellationToken ct = default) => inner.ReadInteractionTailAsync(afterId, ct);
        public Task<IReadOnlyList<bool>> CaptureAsync(IReadOnlyList<CaptureBatch> batches, CancellationToken ct = default) => inner.CaptureAsync(batches, ct);
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
