using FunnelDashboard.Web.Instances;
using System.Net;
using System.Text.Json;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Tests.Support;
using FunnelDashboard.Web.Capture;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Tests.Capture;

/// <summary>Hosts the app: one such class at a time, so first-start seeding elsewhere is not starved.</summary>
[Collection(CaptureApp.Collection)]
public sealed class CaptureFuzzTests : IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();
    static readonly DateTime Now = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Ten_thousand_fuzzed_bodies_are_each_refused_with_named_fields_or_stored_whole()
    {
        var store = new SqliteEventStore(Path.Combine(folder, "fuzz.db"));
        await store.InitializeAsync();
        var options = Options.Create(new CaptureOptions());
        var pipeline = new CapturePipeline(options);
        var writer = new CaptureWriter(pipeline, store, options, new NoOtherInstances(),
                new FunnelAnalytics(store, Options.Create(new AnalyticsOptions()), NullLogger<FunnelAnalytics>.Instance), NullLogger<CaptureWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);

        var bodies = new FuzzBodies(seed: 7);
        var acks = new List<Task<bool>>();
        var expected = new List<bool>();
        var batchIds = new HashSet<string>();
        long visits = 0, interactions = 0;
        var refused = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var (body, valid) = bodies.Next($"fuzz-{i}");
            var request = CaptureRequest.Parse(body, Now);
            if (request.Batch is { } batch)
            {
                acks.Add(await pipeline.SubmitAsync(batch, CancellationToken.None));
                // A fuzzed batch_id may repeat (e.g. "x"): that batch is acknowledged as a duplicate, not stored again.
                expected.Add(batchIds.Add(batch.BatchId));
                if (!expected[^1]) continue;
                visits += batch.Events.Count(e => e.IsPageVisit);
                interactions += batch.Events.Count(e => !e.IsPageVisit);
                continue;
            }
            refused++;
            Assert.False(valid, $"body {i} is well-formed but was refused: {string.Join("; ", request.Errors.Select(e => $"{e.Key}: {e.Value[0]}"))}");
            Assert.NotEmpty(request.Errors);
            Assert.All(request.Errors.Keys, key => Assert.Matches(@"^(body|batch_id|events(\[\d+\](\.[a-z_]+)?)?)$", key));
        }
        Assert.Equal(expected, await Task.WhenAll(acks));
        await writer.StopAsync(CancellationToken.None);

        // Both kinds were generated in numbers, and exactly the accepted batches' events are stored.
        Assert.InRange(refused, 3_000, 8_000);
        var counts = await store.CountAsync();
        Assert.Equal((visits, interactions), (counts.PageVisits, counts.Interactions));
    }

    [Fact]
    public async Task Fuzzed_bodies_over_http_never_give_a_5xx_and_store_only_accepted_batches()
    {
        using var app = new CaptureApp(new Dictionary<string, string?> { ["Capture:EventsPerSecond"] = "0" });
        var client = await app.ReadyClientAsync();
        var before = await app.CountsAsync();
        var bodies = new FuzzBodies(seed: 8);
        var statuses = new Dictionary<HttpStatusCode, int>();
        long storedEvents = 0;
        for (var i = 0; i < 300; i++)
        {
            var response = await client.PostAsync("/api/events", new ByteArrayContent(bodies.Next($"http-{i}").Body));
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            if (response.StatusCode != HttpStatusCode.Accepted) continue;
            var ack = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (!ack.GetProperty("duplicate").GetBoolean()) storedEvents += ack.GetProperty("events").GetInt32();
        }

        Assert.All(statuses.Keys, status => Assert.Contains(status, new[] { HttpStatusCode.Accepted, HttpStatusCode.BadRequest }));
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.Accepted) > 50 && statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 50);
        var after = await app.CountsAsync();
        Assert.Equal(storedEvents, after.PageVisits + after.Interactions - before.PageVisits - before.Interactions);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
