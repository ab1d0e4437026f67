using System.Diagnostics;
using System.Globalization;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Web.Instances;
using FunnelDashboard.Web.Cli;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Capture;

/// <summary>
/// `bench capture --events N [--batch B]`: the durable ingest rate of the capture path on a fresh SQLite file. Simulated
/// traffic is serialized to request bodies first; the timed part is what a request costs past HTTP: parsing and
/// validating each body, the bounded queue, and the writer's group commits, until the last batch is acknowledged.
/// </summary>
public static class CaptureBenchmark
{
    public static async Task<int> RunAsync(string[] rest, TextWriter output, CancellationToken ct)
    {
        var args = new CommandArgs(rest, ["events", "batch"]);
        var total = args.Long("events", 1_000_000, 1, 10_000_000);
        var batchSize = (int)args.Long("batch", 1_000, 1, CaptureOptions.MaxEventsPerBatch);

        output.WriteLine($"Simulating {total:N0} events in batches of {batchSize:N0}…");
        var bodies = Bodies(total, batchSize);
        var folder = Path.Combine(Path.GetTempPath(), "funnel-bench-capture-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new SqliteEventStore(Path.Combine(folder, "capture.db"));
            await store.InitializeAsync(ct);
            var options = Options.Create(new CaptureOptions());
            var pipeline = new CapturePipeline(options);
            var writer = new CaptureWriter(pipeline, store, options, new NoOtherInstances(),
                new FunnelAnalytics(store, Options.Create(new AnalyticsOptions()), NullLogger<FunnelAnalytics>.Instance), NullLogger<CaptureWriter>.Instance);
            await writer.StartAsync(ct);

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var acks = new List<Task<bool>>(bodies.Count);
            var now = DateTime.UtcNow;
            foreach (var body in bodies)
            {
                var batch = CaptureRequest.Parse(body, now).Batch ?? throw new InvalidOperationException("The simulator wrote an invalid batch.");
                acks.Add(await pipeline.SubmitAsync(batch, ct));
            }
            await Task.WhenAll(acks);
            var elapsed = clock.Elapsed.TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            await writer.StopAsync(ct);

            var counts = await store.CountAsync(ct);
            output.WriteLine($"Stored {counts.PageVisits + counts.Interactions:N0} events ({counts.Users:N0} users, {counts.Sessions:N0} sessions) in {elapsed:F1} s " +
                $"using {cpu:F1} s of CPU ({total / cpu:F0} events per CPU second: the figure to compare on a busy machine); {Environment.ProcessorCount} cores");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"events_per_s={total / elapsed:F0}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Simulated traffic at 5,000 events per simulated second (the clock jumps, nothing waits), as request bodies.</summary>
    static List<byte[]> Bodies(long total, int batchSize)
    {
        var start = DateTime.UtcNow.AddDays(-1);
        var simulator = new TrafficSimulator(5_000, users: 5_000_000, firstUserId: TrafficSimulator.FreshUserIds(start));
        var events = new List<CapturedEvent>((int)total);
        for (var second = 1; events.Count < total; second++) events.AddRange(simulator.Next(start.AddSeconds(second)));
        return events.Take((int)total).Chunk(batchSize).Select((chunk, i) => CaptureJson.Write(new CaptureBatch($"bench-{i}", chunk))).ToList();
    }
}
