using System.Diagnostics;
using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Vectors;
using FunnelDashboard.ML.Benchmarks;
using FunnelDashboard.Web.Capture;

namespace FunnelDashboard.Web.Cli.Verbs;

public sealed class BenchVerb : IVerb
{
    public string Name => "bench";
    public string Arguments => "funnel [--events N] [--runs R] [--csv FILE] | capture [--events N] [--batch B] | live [--subscribers N] [--rate R] [--seconds S] | analytics [--events N | --dataset DIR] [--runs R] | vectors [--count N] [--dim D] [--nlist N] [--nprobe M] [--queries Q] [--clusters C] [--seed S] | forecast";
    public string Summary => "funnel: time the funnel engine on N synthetic events (median_ms=… events_per_s=… bytes_per_event=…)\n" +
                             "capture: durable ingest rate of the capture pipeline on SQLite (events_per_s=…)\n" +
                             "live: the app on loopback, N subscribers, the simulator at R events/s (ack_p95_ms=… visible_p95_ms=… events_per_s=… rss_mb=…)\n" +
                             "analytics: each analysis on N synthetic events with interactions, or a dataset (name=… median_ms=… per analysis)\n" +
                             "vectors: exact search vs IVF_FLAT on clustered vectors (exact_qps=… ivf_qps=… recall_at_10=… build_s=…)\n" +
                             "forecast: training time on two years of daily data, one forecast's latency, GEMM GFLOP/s";

    public async Task<int> RunAsync(string[] args, CommandContext context, CancellationToken ct)
    {
        switch (args.FirstOrDefault())
        {
            case "funnel":
                BenchFunnel(new CommandArgs(args[1..], ["events", "csv", "runs"]), context.Output);
                return 0;
            case "capture":
                return await CaptureBenchmark.RunAsync(args[1..], context.Output, ct);
            case "live":
                return await LiveBenchmark.RunAsync(args[1..], context.Output, ct);
            case "analytics":
                AnalyticsBench.Run(args[1..], context.Output);
                return 0;
            case "vectors":
                BenchVectors(new CommandArgs(args[1..], ["count", "dim", "nlist", "nprobe", "queries", "clusters", "seed"]), context.Output);
                return 0;
            case "forecast":
                new CommandArgs(args[1..], []).AtMost(0);
                await Task.Run(() => ForecastBenchmark.Run(context.Output, ct), ct);
                return 0;
            case null:
                throw new UsageException("Missing what to benchmark (bench funnel|capture|live|analytics|vectors|forecast).");
            case var other:
                throw new UsageException($"Unknown benchmark '{other}'.");
        }
    }

    static void BenchVectors(CommandArgs args, TextWriter output)
    {
        args.AtMost(0);
        var count = args.Int("count", 1_000_000, 1);
        int? Optional(string name) => args.Value(name) is null ? null : args.Int(name, 0, 1, count);
        VectorBenchmark.Run(new VectorBenchmarkOptions(count, args.Int("dim", 128, 1), Optional("nlist"), Optional("nprobe"),
            args.Int("queries", 200, 1, 100_000), args.Int("clusters", 1000, 1, count), Seed: args.Int("seed", 1, 0)), output);
    }

    static void BenchFunnel(CommandArgs args, TextWriter output)
    {
        args.AtMost(0);
        var events = args.Long("events", 10_000_000, 1, int.MaxValue);
        var runs = args.Int("runs", 7, 5, 1000);

        output.WriteLine($"Building {events:N0} synthetic events…");
        EventSnapshot snapshot;
        using (var csv = args.Value("csv") is { } path ? new StreamWriter(path) : null)
            snapshot = SyntheticEvents.Build(events, csv: csv);
        output.WriteLine($"{snapshot.UserCount:N0} users, {snapshot.EventCount:N0} events; {Environment.ProcessorCount} cores");

        FunnelEngine.Compute(snapshot, FunnelQuery.Default); // warm-up: JIT and caches
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            FunnelEngine.Compute(snapshot, FunnelQuery.Default);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        var median = times[runs / 2];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"runs_ms={string.Join(',', times.Select(t => t.ToString("F1", CultureInfo.InvariantCulture)))}"));
        output.WriteLine($"steps={string.Join('/', FunnelEngine.Compute(snapshot, FunnelQuery.Default).Steps.Select(s => s.Users))}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median_ms={median:F1} events_per_s={snapshot.EventCount / (median / 1000):F0} bytes_per_event={(double)snapshot.ColumnBytes / snapshot.EventCount:F2}"));
    }
}
