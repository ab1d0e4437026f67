using System.Diagnostics;
using System.Globalization;
using System.Net;
using FunnelDashboard.Core.Common;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Web.Capture;

/// <summary>What a run of <see cref="CapturePoster"/> sent, had acknowledged and had refused, and how long acknowledgements took.</summary>
public sealed class CaptureStats
{
    public long Sent, Acked, Rejected;
    public readonly LatencyHistogram AckMs = new();
    public readonly HashSet<HttpStatusCode> Refusals = [];

    public double AckPercentile(double p) => AckMs.Percentile(p);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"sent={Sent} acked={Acked} rejected={Rejected} ack_p50_ms={AckPercentile(0.50):F1} ack_p95_ms={AckPercentile(0.95):F1}");
}

/// <summary>
/// Posts simulated live traffic to an app's POST /api/events every 100 ms, at most <see cref="MaxInFlight"/> batches at
/// a time, until stopped: the <c>simulate</c> verb's client, and the load of <c>bench live</c>.
/// </summary>
public sealed class CapturePoster(HttpClient http, Uri eventsUrl)
{
    static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    const int MaxInFlight = 16;

    /// <summary>Called for every acknowledged batch with the <see cref="Stopwatch"/> timestamp its post started at.</summary>
    public Action<CaptureBatch, long>? Acknowledged { get; init; }

    public async Task<CaptureStats> RunAsync(TrafficSimulator simulator, TextWriter progress, CancellationToken stop)
    {
        var stats = new CaptureStats();
        var inFlight = new SemaphoreSlim(MaxInFlight);
        var posts = new List<Task>();
        using var timer = new PeriodicTimer(Tick);
        var lastReport = Stopwatch.StartNew();
        try
        {
            do
            {
                foreach (var chunk in simulator.Next(DateTime.UtcNow).Chunk(CaptureOptions.MaxEventsPerBatch))
                {
                    await inFlight.WaitAsync(stop);
                    posts.Add(PostOneAsync(new CaptureBatch(Guid.NewGuid().ToString("N"), chunk), stats, inFlight));
                }
                posts.RemoveAll(p => p.IsCompleted);
                if (lastReport.Elapsed > TimeSpan.FromSeconds(10))
                {
                    lock (stats) progress.WriteLine($"… sent={stats.Sent} acked={stats.Acked} rejected={stats.Rejected} {string.Join(" ", stats.Refusals.Select(s => (int)s))}");
                    lastReport.Restart();
                }
            } while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over: let the posts under way finish.
        }
        await Task.WhenAll(posts);
        return stats;
    }

    async Task PostOneAsync(CaptureBatch batch, CaptureStats stats, SemaphoreSlim inFlight)
    {
        var started = Stopwatch.GetTimestamp();
        HttpStatusCode? status = null;
        try
        {
            using var content = CaptureJson.Content(batch);
            using var response = await http.PostAsync(eventsUrl, content);
            status = response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // Not reachable: counted as rejected below.
        }
        catch (TaskCanceledException)
        {
            // Timed out: counted as rejected below.
        }
        finally
        {
            inFlight.Release();
        }
        lock (stats)
        {
            stats.Sent += batch.Events.Count;
            if (status == HttpStatusCode.Accepted)
            {
                stats.Acked += batch.Events.Count;
                stats.AckMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                stats.Rejected += batch.Events.Count;
                if (status is { } refused) stats.Refusals.Add(refused);
            }
        }
        if (status == HttpStatusCode.Accepted) Acknowledged?.Invoke(batch, started);
    }
}
