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
        eval-forecast --series FILE.csv [--horizon 7] [--days 365] [--retrain-every 28] [--seed 42] [--epochs 150] [--hidden 32]
                      [--input-days 28] [--anchor-weeks 4]
            Rolling-origin backtest of a date,value CSV (header optional; missing dates are unknown): a forecast from every
            day whose horizon falls in the last --days days, the model retrained every --retrain-every origins on the data up
            to that origin; LSTM and both baselines scored alike on known days, with the intervals' coverage.
        generate-series FILE.csv [--days 730] [--seed 1] [--start 2024-01-01]
            Writes a synthetic daily series (weekly seasonality, trend, noise).
        bench-forecast
            Times training on 730 generated days, one forecast, and a GEMM.
        """;

    public const int DefaultBacktestDays = 365;
    public const int DefaultRetrainEvery = 28;

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
        var defaults = new ForecastOptions();
        var options = defaults with
        {
            Horizon = commandLine.Int("horizon", defaults.Horizon),
            Seed = commandLine.Int("seed", defaults.Seed, minimum: 0),
            MaxEpochs = commandLine.Int("epochs", defaults.MaxEpochs),
            HiddenSize = commandLine.Int("hidden", defaults.HiddenSize),
            InputDays = commandLine.Int("input-days", defaults.InputDays),
            AnchorWeeks = commandLine.Int("anchor-weeks", defaults.AnchorWeeks),
        };
        int days = commandLine.Int("days", DefaultBacktestDays);
        int retrainEvery = commandLine.Int("retrain-every", DefaultRetrainEvery);
        commandLine.RejectUnknownOptions();
        if (days < options.Horizon) throw new CommandLineException($"--days {days} is shorter than --horizon {options.Horizon}.");

        var series = DailySeriesCsv.Read(path);
        var result = RollingBacktest.Run(series, options, days, retrainEvery, cancellationToken: ct);
        BacktestReport.Write(output, path, series, result, options.Horizon);
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
