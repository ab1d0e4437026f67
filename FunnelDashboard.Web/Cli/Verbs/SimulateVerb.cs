using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.Web.Capture;

namespace FunnelDashboard.Web.Cli.Verbs;

/// <summary>
/// `simulate --url URL --api-key KEY --rate EVENTS_PER_S [--seconds S] [--users N]`: posts simulated live traffic to
/// a running app's POST /api/events every 100 ms, then prints what was sent, acknowledged and refused, and how long
/// acknowledgements took. Without --seconds it runs until Ctrl+C.
/// </summary>
public sealed class SimulateVerb : IVerb
{
    public string Name => "simulate";
    public string Arguments => "--url URL --api-key KEY --rate EVENTS_PER_S [--seconds S] [--users N]";
    public string Summary => "post simulated visitors' events to a running app; ends with sent=… acked=… rejected=… ack_p50_ms=… ack_p95_ms=…";

    static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    const int MaxInFlight = 16;

    public async Task<int> RunAsync(string[] rest, CommandContext context, CancellationToken ct)
    {
        var output = context.Output;
        var args = new CommandArgs(rest, ["url", "api-key", "rate", "seconds", "users"]);
        var url = args.Value("url") is { } text && Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
            ? new Uri(parsed, "/api/events")
            : throw new UsageException("--url must be the app's address, e.g. --url http://localhost:5000");
        var key = args.Value("api-key") ?? throw new UsageException("--api-key is required (the Development settings have local-development-capture-key-not-a-secret).");
        var rate = args.Long("rate", 0, 1, 10_000_000);
        if (rate == 0) throw new UsageException("--rate EVENTS_PER_S is required.");
        var seconds = args.Long("seconds", 0, 1, 365L * 24 * 3600);
        var users = (int)args.Long("users", 100_000, 1, DatasetReader.MaxUsers);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        if (seconds > 0) stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, key);
            var stats = await PostAsync(http, url, new TrafficSimulator(rate, users, TrafficSimulator.FreshUserIds(DateTime.UtcNow)), output, stop.Token);
            output.WriteLine(stats);
            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    sealed class Stats
    {
        public long Sent, Acked, Rejected;
        public readonly List<double> AckMs = [];
        public readonly HashSet<HttpStatusCode> Refusals = [];

        public override string ToString()
        {
            double Percentile(double p) => AckMs.Count == 0 ? 0 : AckMs.Order().ElementAt((int)Math.Min(AckMs.Count - 1, Math.Floor(p * AckMs.Count)));
            return string.Create(CultureInfo.InvariantCulture,
                $"sent={Sent} acked={Acked} rejected={Rejected} ack_p50_ms={Percentile(0.50):F1} ack_p95_ms={Percentile(0.95):F1}");
        }
    }

    static async Task<Stats> PostAsync(HttpClient http, Uri url, TrafficSimulator simulator, TextWriter output, CancellationToken stop)
    {
        var stats = new Stats();
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
                    posts.Add(PostOneAsync(http, url, new CaptureBatch(Guid.NewGuid().ToString("N"), chunk), stats, inFlight));
                }
                posts.RemoveAll(p => p.IsCompleted);
                if (lastReport.Elapsed > TimeSpan.FromSeconds(10))
                {
                    lock (stats) output.WriteLine($"… sent={stats.Sent} acked={stats.Acked} rejected={stats.Rejected} {string.Join(" ", stats.Refusals.Select(s => (int)s))}");
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

    static async Task PostOneAsync(HttpClient http, Uri url, CaptureBatch batch, Stats stats, SemaphoreSlim inFlight)
    {
        var clock = Stopwatch.StartNew();
        HttpStatusCode? status = null;
        try
        {
            using var content = new ByteArrayContent(CaptureJson.Write(batch));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(url, content);
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
                stats.AckMs.Add(clock.Elapsed.TotalMilliseconds);
            }
            else
            {
                stats.Rejected += batch.Events.Count;
                if (status is { } refused) stats.Refusals.Add(refused);
            }
        }
    }
}
