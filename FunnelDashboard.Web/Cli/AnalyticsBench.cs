using System.Diagnostics;
using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Ingestion;

namespace FunnelDashboard.Web.Cli;

/// <summary>
/// `bench analytics`: times each analysis beyond the funnel on an in-memory snapshot, either of N synthetic events
/// with interactions or of a dataset folder with its synthesized journeys (as the app seeds it), and ends with one
/// `name=ANALYSIS median_ms=X` line per analysis.
/// </summary>
public static class AnalyticsBench
{
    public static int Run(string[] rest, TextWriter output)
    {
        var args = new CommandArgs(rest, ["events", "dataset", "runs"]);
        var runs = (int)args.Long("runs", 7, 3, 1000);
        EventSnapshot snapshot;
        if (args.Value("dataset") is { } folder)
        {
            output.WriteLine($"Reading {folder} and synthesizing its journeys…");
            snapshot = FromDataset(folder);
        }
        else
        {
            var events = args.Long("events", 10_000_000, 1, int.MaxValue);
            output.WriteLine($"Building {events:N0} synthetic events with interactions…");
            snapshot = SyntheticEvents.Build(events, interactions: true);
        }
        var rows = (double)snapshot.EventCount + snapshot.InteractionCount;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{snapshot.UserCount:N0} users, {snapshot.EventCount:N0} visits, {snapshot.InteractionCount:N0} interactions; {Environment.ProcessorCount} cores; bytes_per_event={snapshot.ColumnBytes / rows:F2}"));

        var someUser = snapshot.UserCount == 0 ? 0 : snapshot.UserIds.ElementAt(snapshot.UserCount / 2);
        var analyses = new (string Name, Func<object?> Run)[]
        {
            ("conversion_trends", () => ConversionTrends.Of(snapshot, new TrendsQuery(FunnelFilter.All, Granularity.Week, Breakdown.Device))),
            ("user_journey", () => UserJourneys.Of(snapshot, new JourneyQuery(FunnelFilter.All))),
            ("cohort", () => CohortRetention.Of(snapshot, new CohortQuery(FunnelFilter.All, CohortPeriod.Week))),
            ("sentiment", () => SentimentAnalysis.Of(snapshot, new SentimentQuery(FunnelFilter.All))),
            ("user_behavior", () => UserBehavior.Of(snapshot, someUser, FunnelFilter.All)),
            ("significance", () => FunnelSignificance.Of(FunnelEngine.Compute(snapshot, FunnelQuery.Default with { Breakdown = Breakdown.Device }))),
        };

        var medians = new List<(string Name, double Median)>();
        foreach (var (name, run) in analyses)
        {
            run(); // warm-up: JIT and caches
            var times = new double[runs];
            for (var i = 0; i < runs; i++)
            {
                var clock = Stopwatch.StartNew();
                run();
                times[i] = clock.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: runs_ms={string.Join(',', times.Select(t => t.ToString("F1", CultureInfo.InvariantCulture)))}"));
            medians.Add((name, times[runs / 2]));
        }
        foreach (var (name, median) in medians)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"name={name} median_ms={median:F1}"));
        return 0;
    }

    /// <summary>The snapshot the app would load after seeding from this folder (a session starts at its first visit).</summary>
    static EventSnapshot FromDataset(string folder)
    {
        var batch = JourneySynthesizer.Synthesize(DatasetReader.Read(folder));
        var builder = new EventSnapshotBuilder();
        foreach (var user in batch.Users) builder.AddUser(user);
        var sessions = new HashSet<long>();
        foreach (var visit in batch.PageVisits)
            builder.AddVisit(visit.UserId, visit.Page, visit.Timestamp, durationSeconds: visit.DurationSeconds, startsSession: sessions.Add(visit.SessionId));
        foreach (var i in batch.Interactions)
            builder.AddInteraction(i.UserId, i.Page, i.Type, i.Timestamp, i.X, i.Y);
        return builder.Build();
    }
}
