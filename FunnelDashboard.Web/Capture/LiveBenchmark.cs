using System.Diagnostics;
using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Common;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Web.Cli;
using FunnelDashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Capture;

/// <summary>
/// `bench live [--subscribers N] [--rate EVENTS_PER_S] [--seconds S]`: the app itself on loopback with a fresh SQLite
/// file, N subscribers on the subscription path every circuit uses (<see cref="IFunnelAnalytics.Subscribe"/>, throttled
/// by Live:MinUpdateInterval), and the simulator posting at the rate. For every acknowledged batch it times the post
/// (ack) and, per subscriber, the post until the view it is handed holds the batch's last page visit (visible).
/// </summary>
public static class LiveBenchmark
{
    const string CaptureKey = "bench-live-capture-key";
    static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);
    static readonly TimeSpan Drain = TimeSpan.FromSeconds(10);

    /// <summary>
    /// An acknowledged batch, by its last page visit, and which observers have held a view with it yet: the
    /// subscribers, then one unthrottled observer (when the batch was in the current view at all).
    /// </summary>
    sealed class Probe(CapturedEvent visit, long postedAt, int observers)
    {
        public readonly long PostedAt = postedAt;
        readonly bool[] seen = new bool[observers];
        public int Unseen { get; private set; } = observers;

        public bool HasSeen(int observer) => seen[observer];

        public void See(int observer)
        {
            seen[observer] = true;
            Unseen--;
        }

        public bool IsIn(EventSnapshot snapshot)
        {
            if (snapshot.Find(visit.UserId) is not { } user) return false;
            int time = EventSnapshot.ToTime(visit.Timestamp);
            var (start, end) = user.Visits;
            for (int e = start; e < end; e++)
                if (user.Part.EventTime[e] == time && user.Part.PageOf(e) == visit.Page) return true;
            return false;
        }
    }

    public static async Task<int> RunAsync(string[] rest, TextWriter output, CancellationToken ct)
    {
        var args = new CommandArgs(rest, ["subscribers", "rate", "seconds"]);
        args.AtMost(0);
        int subscribers = args.Int("subscribers", 200, 1, 100_000);
        long rate = args.Long("rate", 5_000, 1, 1_000_000);
        int seconds = args.Int("seconds", 30, 1, 24 * 3600);

        var folder = Path.Combine(Path.GetTempPath(), "funnel-bench-live-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var app = FunnelApp.Build(
            [
                "--urls", "http://127.0.0.1:0",
                $"--{StorageOptions.Section}:Provider=Sqlite", $"--{StorageOptions.Section}:SqlitePath={Path.Combine(folder, "live.db")}",
                "--Seeding:Enabled=false", "--Simulator:EventsPerSecond=0",
                "--Forecasting:TrainOnStart=false", $"--Forecasting:ModelDirectory={Path.Combine(folder, "models")}",
                "--SimilarUsers:TrainOnStart=false", $"--SimilarUsers:ModelDirectory={Path.Combine(folder, "models")}",
                $"--Capture:EventsPerSecond={Math.Max(rate * 2, 1000)}",
                $"--{ApiKeyOptions.Section}:99:Key={CaptureKey}", $"--{ApiKeyOptions.Section}:99:Role={ApiKeyOptions.CaptureRole}",
                "--Logging:LogLevel:Default=Warning",
            ]);
            await app.StartAsync(ct);
            var address = new Uri(app.Urls.First());
            var analytics = app.Services.GetRequiredService<IFunnelAnalytics>();
            var minInterval = app.Services.GetRequiredService<IOptions<LiveOptions>>().Value.MinUpdateInterval;
            output.WriteLine($"App on {address}, {subscribers:N0} subscribers (updates at most every {minInterval.TotalMilliseconds:F0} ms), {rate:N0} events/s for {seconds} s; {Environment.ProcessorCount} cores");

            // Open probes only (a probe every observer has seen is counted and let go), so the bench's own memory stays flat.
            var probes = new List<Probe>();
            int probed = 0;
            LatencyHistogram visible = new(), published = new();
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, CaptureKey);
            var poster = new CapturePoster(http, new Uri(address, "/api/events"))
            {
                Acknowledged = (batch, postedAt) =>
                {
                    if (batch.Events.LastOrDefault(e => e.Interaction is null) is not { } visit) return;
                    lock (probes)
                    {
                        probes.Add(new Probe(visit, postedAt, subscribers + 1));
                        probed++;
                    }
                },
            };

            // Observer `subscribers` is unthrottled: when the batch is in the current view at all (the data path's share of visible).
            var subscriptions = Enumerable.Range(0, subscribers + 1).Select(observer => analytics.Subscribe(() =>
            {
                var now = Stopwatch.GetTimestamp();
                if (analytics.Current is not AnalyticsView view) return Task.CompletedTask;
                Probe[] open;
                lock (probes) open = probes.Where(p => !p.HasSeen(observer)).ToArray();
                var arrived = open.Where(p => p.IsIn(view.Snapshot)).ToList();
                lock (probes)
                    foreach (var probe in arrived.Where(p => !p.HasSeen(observer)))
                    {
                        probe.See(observer);
                        (observer < subscribers ? visible : published).Add(Stopwatch.GetElapsedTime(probe.PostedAt, now).TotalMilliseconds);
                        if (probe.Unseen == 0) probes.Remove(probe);
                    }
                return Task.CompletedTask;
            }, observer < subscribers ? minInterval : TimeSpan.Zero)).ToList();

            using var run = CancellationTokenSource.CreateLinkedTokenSource(ct);
            run.CancelAfter(TimeSpan.FromSeconds(seconds));
            var clock = Stopwatch.StartNew();
            var posting = poster.RunAsync(new TrafficSimulator(rate, 100_000, TrafficSimulator.FreshUserIds(DateTime.UtcNow)), output, run.Token);
            MemoryReading? warm = null;
            if (seconds > WarmUp.TotalSeconds)
            {
                await Task.Delay(WarmUp, ct);
                warm = MemoryReading.Take(analytics);
            }
            var sampling = SampleResidentSetAsync(output, run.Token);
            var stats = await posting;
            var resident = await sampling;
            var elapsed = clock.Elapsed;

            // The last batches are still on their way to the subscribers: give them time to arrive.
            var drained = Stopwatch.StartNew();
            while (drained.Elapsed < Drain && Unseen(probes) > 0) await Task.Delay(100, ct);
            subscriptions.ForEach(s => s.Dispose());
            var end = MemoryReading.Take(analytics);

            var snapshot = SnapshotOf(analytics);
            output.WriteLine(Invariant($"{stats}; probes={probed} unseen={Unseen(probes)} visible_p50_ms={visible.Percentile(0.5):F0}"));
            output.WriteLine(Invariant($"published (in the current view, before throttling): p50_ms={published.Percentile(0.5):F0} p95_ms={published.Percentile(0.95):F0}"));
            output.WriteLine(Invariant($"snapshot: {snapshot.EventCount:N0} visits, {snapshot.InteractionCount:N0} interactions, {Mb(snapshot.ColumnBytes):F1} MB"));
            if (warm is not null) output.WriteLine(end.GrowthSince(warm));
            if (resident.Count >= 2) output.WriteLine(Invariant($"rss as the system sees it (no forced collection), every {ResidentSample.TotalSeconds:F0} s: {string.Join(" ", resident.Select(b => $"{Mb(b):F0}"))} MB"));
            output.WriteLine(Invariant($"ack_p95_ms={stats.AckPercentile(0.95):F1} visible_p95_ms={visible.Percentile(0.95):F0} events_per_s={stats.Acked / elapsed.TotalSeconds:F0} rss_mb={Mb(end.Rss):F0}"));
            await app.StopAsync(CancellationToken.None);
            return stats.Rejected == 0 ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    static readonly TimeSpan ResidentSample = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The resident set every <see cref="ResidentSample"/> while the run lasts, as the system sees it (nothing forced), with
    /// the collector's committed and free memory, printed as it goes.
    /// </summary>
    static async Task<List<long>> SampleResidentSetAsync(TextWriter output, CancellationToken ct)
    {
        var samples = new List<long>();
        var lastAllocated = GC.GetTotalAllocatedBytes();
        using var timer = new PeriodicTimer(ResidentSample);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var gc = GC.GetGCMemoryInfo();
                samples.Add(Environment.WorkingSet);
                var allocated = GC.GetTotalAllocatedBytes();
                output.WriteLine(Invariant($"… rss={Mb(samples[^1]):F0} MB, the collector: {Mb(gc.TotalCommittedBytes):F0} MB committed, {Mb(gc.FragmentedBytes):F0} MB of it free, {GC.CollectionCount(2)} full collections; allocated {Mb(allocated - lastAllocated) / ResidentSample.TotalSeconds:F0} MB/s"));
                lastAllocated = allocated;
            }
        }
        catch (OperationCanceledException) { }
        return samples;
    }

    static EventSnapshot SnapshotOf(IFunnelAnalytics analytics) => ((AnalyticsView)analytics.Current).Snapshot;

    /// <summary>
    /// The resident set once the garbage collector has returned what it can (so growth means memory held), beside what
    /// explains it: the snapshot's data, SQLite's page caches, the collector's committed memory and the threads.
    /// </summary>
    sealed record MemoryReading(long Rss, long Data, long Sqlite, long GcCommitted, int Threads)
    {
        public static MemoryReading Take(IFunnelAnalytics analytics)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            return new MemoryReading(Environment.WorkingSet, SnapshotOf(analytics).ColumnBytes, SQLitePCL.raw.sqlite3_memory_used(),
                GC.GetGCMemoryInfo().TotalCommittedBytes, Process.GetCurrentProcess().Threads.Count);
        }

        public string GrowthSince(MemoryReading warm) => Invariant($"rss after a full collection: {Mb(warm.Rss):F0} MB after warm-up, {Mb(Rss):F0} MB at the end: {Mb(Rss - warm.Rss):+0.0;-0.0} MB, of which the snapshot's data {Mb(Data - warm.Data):+0.0;-0.0} MB and SQLite's page caches (bounded by cache_size per connection) {Mb(Sqlite - warm.Sqlite):+0.0;-0.0} MB; the garbage collector's committed memory (the snapshot included) {Mb(GcCommitted - warm.GcCommitted):+0.0;-0.0} MB; threads {warm.Threads} -> {Threads}");
    }

    static int Unseen(List<Probe> probes)
    {
        lock (probes) return probes.Sum(p => p.Unseen);
    }

    static double Mb(long bytes) => bytes / 1048576.0;

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
