using System.Globalization;
using FunnelDashboard.ML.Forecasting;

namespace FunnelDashboard.ML.Cli;

/// <summary>
/// Command-line verbs of the forecaster, for a host program to expose. Exit codes: 0 success, 1 failure (bad data,
/// unreadable file), 2 usage error. Numbers are printed in the invariant culture.
/// </summary>
public static class ForecastCommands
{
    public const string EvalForecast = "eval-forecast";
    public const string GenerateSeries = "generate-series";
    public const string BenchForecast = "bench-forecast";

    public const string Usage = """
        eval-forecast --series FILE.csv [--horizon 7] [--weeks 8] [--seed 42] [--epochs 150] [--hidden 32]
            Backtests over the last weeks of a date,value CSV (header optional): one model is trained on the data before them (no
            retraining), then forecasts from every day whose horizon falls in them; LSTM and both baselines are scored alike.
        generate-series FILE.csv [--days 730] [--seed 1] [--start 2024-01-01]
            Writes a synthetic daily series (weekly seasonality, trend, noise).
        bench-forecast
            Times training on 730 generated days, one forecast, and a GEMM.
        """;

    public static bool Handles(string verb) => verb is EvalForecast or GenerateSeries or BenchForecast;

    public static Task<int> RunAsync(string verb, string[] args, TextWriter output, CancellationToken ct) =>
        Task.Run(() => Run(verb, args, output, ct), ct);

    private static int Run(string verb, string[] args, TextWriter output, CancellationToken ct)
    {
        try
        {
            var commandLine = CommandLine.Parse(args);
            switch (verb)
            {
                case EvalForecast: Evaluate(commandLine, output, ct); break;
                case GenerateSeries: Generate(commandLine, output); break;
                case BenchForecast: commandLine.RejectUnknownOptions(); ForecastBenchmark.Run(output, ct); break;
                default: throw new CommandLineException($"Unknown verb '{verb}'.");
            }
            return 0;
        }
        catch (CommandLineException e)
        {
            output.WriteLine($"error: {e.Message}");
            output.WriteLine(Usage);
            return 2;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            output.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static void Evaluate(CommandLine commandLine, TextWriter output, CancellationToken ct)
    {
        string path = commandLine.RequiredString("series");
        int horizon = commandLine.Int("horizon", 7);
        int weeks = commandLine.Int("weeks", 8);
        var defaults = new ForecastOptions();
        var options = defaults with
        {
            Horizon = horizon,
            TestDays = weeks * 7,
            Seed = commandLine.Int("seed", defaults.Seed, minimum: 0),
            MaxEpochs = commandLine.Int("epochs", defaults.MaxEpochs),
            HiddenSize = commandLine.Int("hidden", defaults.HiddenSize),
        };
        commandLine.RejectUnknownOptions();
        if (options.TestDays < horizon) throw new CommandLineException($"--weeks {weeks} is shorter than --horizon {horizon} days.");

        var series = DailySeriesCsv.Read(path);
        output.WriteLine($"{path}: {series.Length} days, {series.Start:yyyy-MM-dd} to {series.End:yyyy-MM-dd}");
        var result = ForecastTrainer.Train(series, options, cancellationToken: ct);
        var evaluation = result.Evaluation;
        output.WriteLine(Invariant($"trained {result.Epochs} epochs, best {result.BestEpoch} (validation MSE {result.BestValidationLoss:G4}, scaled)"));
        output.WriteLine($"backtest: {evaluation.Origins} origins, forecasts for {evaluation.TestStart:yyyy-MM-dd} to {evaluation.TestEnd:yyyy-MM-dd}, " +
                         $"horizon {horizon}; one model trained before them, not retrained");
        if (evaluation.Lstm.ZeroActualsSkipped > 0)
            output.WriteLine($"MAPE skips {evaluation.Lstm.ZeroActualsSkipped} of {evaluation.Lstm.Count} forecasts whose actual is zero");
        output.WriteLine($"{"model",-16}{"MAPE %",10}{"RMSE",12}{"MAE",12}{"MSE",14}{"R2",9}");
        var rows = new[] { ("lstm", evaluation.Lstm), ("naive", evaluation.Naive), ("seasonal_naive", evaluation.SeasonalNaive) };
        foreach (var (name, m) in rows)
            output.WriteLine(Invariant($"{name,-16}{m.Mape,10:F2}{m.Rmse,12:F2}{m.Mae,12:F2}{m.Mse,14:F1}{m.R2,9:F4}"));
        foreach (var (name, m) in rows)
            output.WriteLine(Invariant($"model={name} mape={m.Mape:F4} rmse={m.Rmse:F4} mae={m.Mae:F4} mse={m.Mse:F4} r2={m.R2:F4}"));
    }

    private static void Generate(CommandLine commandLine, TextWriter output)
    {
        if (commandLine.Positional.Count != 1) throw new CommandLineException("generate-series needs exactly one output file.");
        int days = commandLine.Int("days", 730);
        int seed = commandLine.Int("seed", 1, minimum: 0);
        string? startText = commandLine.String("start");
        commandLine.RejectUnknownOptions();
        var start = SeriesGenerator.DefaultStart;
        if (startText is not null && !DateOnly.TryParseExact(startText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
            throw new CommandLineException($"--start must be a yyyy-MM-dd date, got '{startText}'.");

        var series = SeriesGenerator.Generate(days, seed, start);
        DailySeriesCsv.Write(commandLine.Positional[0], series);
        output.WriteLine($"wrote {days} days ({series.Start:yyyy-MM-dd} to {series.End:yyyy-MM-dd}, seed {seed}) to {commandLine.Positional[0]}");
    }

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
