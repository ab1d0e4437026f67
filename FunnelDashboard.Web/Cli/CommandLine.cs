using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.ML.Cli;
using FunnelDashboard.ML.Forecasting;
using FunnelDashboard.Web.Api;
using FunnelDashboard.Web.Capture;
using FunnelDashboard.Web.Forecasting;
using FunnelDashboard.Web.Hosting;

namespace FunnelDashboard.Web.Cli;

/// <summary>
/// The app's command-line verbs (`dotnet run --project FunnelDashboard.Web -- VERB ...`). They use the same
/// configuration as the web app (appsettings.json, environment variables), so they act on the same store.
/// </summary>
public static class CommandLine
{
    const string VerbUsage = """
        Usage: FunnelDashboard.Web [VERB ...]   (no verb: run the web app)
          generate DIR [--users N] [--seed S]     write a dataset (the five CSVs) to DIR
          import DIR [--seed S]                   import a dataset folder into the configured store
          funnel [--steps a,b,..] [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--device D] [--sex S]
                 [--breakdown device|sex] [--window HOURS] [--json]
                                                  print the funnel of the stored data
          bench funnel --events N [--csv FILE]    time the funnel engine on N synthetic events
          train-forecast [--epochs N]             train a visit forecaster per page and one for the total on the stored
                                                  data, register them in the model directory, print their metrics
          bench forecast                          the same as bench-forecast
        """;

    /// <summary>This app's verbs, then the forecasting library's, indented alike.</summary>
    static readonly string Usage = string.Join(Environment.NewLine, VerbUsage, SimulateCommand.Usage, CaptureBenchmark.Usage) + Environment.NewLine + string.Join(Environment.NewLine, ForecastCommands.Usage.Split('\n').Select(line => "  " + line.TrimEnd('\r')));

    static readonly string[] Verbs = ["generate", "import", "funnel", "bench", "train-forecast", "simulate", "help", "--help"];

    public static bool IsVerb(string[] args) => args.Length > 0 && (Verbs.Contains(args[0]) || ForecastCommands.Handles(args[0]));

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default) =>
        RunAsync(args, output, error, new Dictionary<string, string?>(), ct);

    /// <param name="settings">Configuration overriding appsettings and the environment (tests point it at temporary stores).</param>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?> settings,
        CancellationToken ct = default)
    {
        try
        {
            var rest = args.Skip(1).ToArray();
            var configuration = LoadConfiguration(settings);
            return args[0] switch
            {
                "generate" => Generate(rest, output),
                "import" => await ImportAsync(rest, output, configuration, ct),
                "funnel" => await FunnelAsync(rest, output, configuration, ct),
                "simulate" => await SimulateCommand.RunAsync(rest, output, ct),
                "bench" when rest is ["capture", .. var captureArgs] => await CaptureBenchmark.RunAsync(captureArgs, output, ct),
                "bench" when rest is ["forecast", .. var benchArgs] => await ForecastCommands.RunAsync(ForecastCommands.BenchForecast, benchArgs, output, ct),
                "bench" => Bench(rest, output),
                "train-forecast" => await TrainForecastAsync(rest, output, error, configuration, ct),
                var verb when ForecastCommands.Handles(verb) => await ForecastCommands.RunAsync(verb, rest, output, ct),
                _ => Help(output),
            };
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"{e.Message}\n\n{Usage}");
            return 2;
        }
        catch (ImportException e)
        {
            await error.WriteLineAsync($"Import failed, nothing was stored: {e.Message}");
            return 1;
        }
    }

    static int Help(TextWriter output)
    {
        output.WriteLine(Usage);
        return 0;
    }

    static int Generate(string[] rest, TextWriter output)
    {
        var args = new CommandArgs(rest, ["users", "seed"]);
        var folder = args.Required(0, "the folder to write (generate DIR)");
        var users = (int)args.Long("users", DatasetGenerator.DefaultUsers, 1, DatasetReader.MaxUsers);
        DatasetGenerator.Generate(folder, users, args.Long("seed", 42, long.MinValue, long.MaxValue));
        output.WriteLine($"Wrote {users:N0} users to {Path.GetFullPath(folder)}");
        return 0;
    }

    static async Task<int> ImportAsync(string[] rest, TextWriter output, IConfiguration configuration, CancellationToken ct)
    {
        var args = new CommandArgs(rest, ["seed"]);
        var folder = args.Required(0, "the dataset folder (import DIR)");
        var seed = args.Long("seed", JourneySynthesizer.DefaultSeed, long.MinValue, long.MaxValue);
        await using var services = BuildServices(configuration);
        var store = services.GetRequiredService<IEventStore>();
        await store.InitializeAsync(ct);
        var result = await services.GetRequiredService<DatasetImporter>().ImportAsync(folder, seed, ct: ct);
        output.WriteLine(result.AlreadyImported
            ? $"{folder} was already imported into {store.Provider}; nothing to do."
            : $"Imported {result.Users:N0} users, {result.Sessions:N0} sessions, {result.PageVisits:N0} page visits and " +
              $"{result.Interactions:N0} interactions into {store.Provider} in {result.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    static async Task<int> FunnelAsync(string[] rest, TextWriter output, IConfiguration configuration, CancellationToken ct)
    {
        var args = new CommandArgs(rest, FunnelQuery.ParameterNames, ["json"]);
        var parsed = FunnelQuery.Parse(args.Value);
        if (!parsed.IsValid)
            throw new UsageException(string.Join(Environment.NewLine, parsed.Errors.Select(e => $"--{e.Key}: {string.Join(" ", e.Value)}")));

        await using var services = BuildServices(configuration);
        var store = services.GetRequiredService<IEventStore>();
        await store.InitializeAsync(ct);
        var result = FunnelEngine.Compute(await SnapshotLoader.LoadAsync(store, ct), parsed.Value!);
        if (args.Has("json"))
        {
            output.WriteLine(JsonSerializer.Serialize(result, ApiJson.Options));
            return 0;
        }
        WriteTable(output, "All users", result.Steps);
        foreach (var group in result.Groups ?? [])
            WriteTable(output, group.Value, group.Steps);
        return 0;
    }

    static void WriteTable(TextWriter output, string title, IReadOnlyList<FunnelStep> steps)
    {
        output.WriteLine(title);
        output.WriteLine($"  {"step",-14}{"users",12}{"from prev",11}{"from start",12}{"drop-off",11}{"median to next",16}");
        foreach (var s in steps)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {s.Name,-14}{s.Users,12:N0}{s.ConversionFromPrevious,11:P1}{s.ConversionFromStart,12:P1}{s.DropOff,11:N0}{(s.MedianSecondsToNext is { } m ? $"{m:F0} s" : "-"),16}"));
        output.WriteLine();
    }

    static async Task<int> TrainForecastAsync(string[] rest, TextWriter output, TextWriter error, IConfiguration configuration, CancellationToken ct)
    {
        var args = new CommandArgs(rest, ["epochs"]);
        if (args.Value("epochs") is not null)
        {
            var epochs = args.Long("epochs", 0, 1, 100_000);
            configuration = new ConfigurationBuilder().AddConfiguration(configuration)
                .AddInMemoryCollection([new KeyValuePair<string, string?>($"{ForecastingOptions.Section}:{nameof(ForecastingOptions.MaxEpochs)}", epochs.ToString(CultureInfo.InvariantCulture))])
                .Build();
        }
        await using var services = BuildServices(configuration);
        await services.GetRequiredService<IEventStore>().InitializeAsync(ct);
        var analytics = services.GetRequiredService<FunnelAnalytics>();
        await analytics.RefreshAsync(ct);
        if (analytics.State != AnalyticsState.Ready)
        {
            await error.WriteLineAsync($"Nothing to train on: {analytics.StatusMessage}");
            return 1;
        }

        var forecasts = services.GetRequiredService<ForecastService>();
        var clock = Stopwatch.StartNew();
        IReadOnlyList<ModelVersionInfo> trained;
        try
        {
            // Nothing else trains in this process, so the run always starts.
            trained = await forecasts.TryStartTraining(ct)!;
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"Training failed: {e.Message}");
            return 1;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Trained {trained.Count} forecast models in {clock.Elapsed.TotalSeconds:F1} s into {forecasts.ModelDirectory}"));
        var evaluation = trained[0].Evaluation;
        output.WriteLine($"Data {trained[0].DataStart:yyyy-MM-dd} to {trained[0].DataEnd:yyyy-MM-dd}; metrics on the held-out days " +
                         $"{evaluation.TestStart:yyyy-MM-dd} to {evaluation.TestEnd:yyyy-MM-dd} ({evaluation.Origins} forecasts of {trained[0].Options.Horizon} days)");
        output.WriteLine($"  {"series",-14}{"version",8}{"epochs",8}  {"model",-16}{"MAPE %",9}{"RMSE",11}{"MAE",11}{"R2",9}");
        foreach (var info in trained)
        {
            var models = new[] { ("lstm", info.Evaluation.Lstm), ("naive", info.Evaluation.Naive), ("seasonal_naive", info.Evaluation.SeasonalNaive) };
            foreach (var (index, (name, m)) in models.Index())
            {
                // The series, its version and epochs head its first row only.
                var (series, version, epochs) = index == 0 ? (info.SeriesKey, $"{info.Version}", $"{info.Epochs}") : ("", "", "");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {series,-14}{version,8}{epochs,8}  {name,-16}{m.Mape,9:F1}{m.Rmse,11:F1}{m.Mae,11:F1}{m.R2,9:F3}"));
            }
        }
        if (!forecasts.HasAllModels)
        {
            await error.WriteLineAsync(forecasts.Status.Message);
            return 1;
        }
        return 0;
    }

    static int Bench(string[] rest, TextWriter output)
    {
        var args = new CommandArgs(rest, ["events", "csv", "runs"]);
        if (args.Required(0, "what to benchmark (bench funnel|forecast)") != "funnel") throw new UsageException($"Unknown benchmark '{args.Positional[0]}'.");
        var events = args.Long("events", 10_000_000, 1, int.MaxValue);
        var runs = (int)args.Long("runs", 7, 5, 1000);

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
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median_ms={median:F1} events_per_s={snapshot.EventCount / (median / 1000):F0} bytes_per_event={(double)snapshot.ColumnBytes / snapshot.EventCount:F2}"));
        return 0;
    }

    /// <summary>The web app's configuration sources, then the given settings.</summary>
    static IConfiguration LoadConfiguration(IReadOnlyDictionary<string, string?> settings) =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production"}.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings)
            .Build();

    /// <summary>Storage, analytics and forecasting services with the web app's configuration, without the web server.</summary>
    static ServiceProvider BuildServices(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        // Progress goes to stderr, so stdout carries only the verb's result (e.g. funnel --json).
        services.AddLogging(logging => logging
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Information));
        services.AddFunnelStorage(configuration, AppContext.BaseDirectory);
        services.AddForecasting(configuration, AppContext.BaseDirectory);
        return services.BuildServiceProvider();
    }
}
