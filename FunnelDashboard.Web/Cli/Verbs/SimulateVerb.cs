using FunnelDashboard.Core.Ingestion;
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
            var stats = await new CapturePoster(http, url).RunAsync(new TrafficSimulator(rate, users, TrafficSimulator.FreshUserIds(DateTime.UtcNow)), output, stop.Token);
            output.WriteLine(stats);
            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
