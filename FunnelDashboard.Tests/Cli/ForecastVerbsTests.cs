using System.Globalization;
using FunnelDashboard.ML.Forecasting;
using FunnelDashboard.Web.Cli;

namespace FunnelDashboard.Tests.Cli;

/// <summary>The forecasting verbs that need no store: eval-forecast and generate-series.</summary>
public sealed class ForecastVerbsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fd-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The exit code, stdout's lines, and stderr's lines (errors).</summary>
    private static async Task<(int ExitCode, string[] Lines, string[] Errors)> Run(string verb, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        int exitCode = await CommandLine.RunAsync([verb, .. args], output, error, new Dictionary<string, string?>());
        return (exitCode, Lines(output), Lines(error));
    }

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Eval_forecast_prints_the_backtest_of_exactly_the_options_given()
    {
        string csv = Path.Combine(_directory, "series.csv");
        var (generated, _, _) = await Run("generate-series", csv, "--days", "120", "--seed", "4");
        var (exitCode, lines, _) = await Run("eval-forecast", "--series", csv, "--horizon", "5", "--weeks", "3", "--epochs", "3", "--hidden", "8", "--seed", "9");

        Assert.Equal(0, generated);
        Assert.Equal(0, exitCode);
        Assert.Equal(SeriesGenerator.Generate(120, 4).Values, DailySeriesCsv.Read(csv).Values);
        // Training is deterministic for a seed: the library, given the same options, must find the same figures.
        var options = new ForecastOptions() with { Horizon = 5, TestDays = 21, MaxEpochs = 3, HiddenSize = 8, Seed = 9 };
        var evaluation = ForecastTrainer.Train(DailySeriesCsv.Read(csv), options).Evaluation;
        var expected = new[] { ("lstm", evaluation.Lstm), ("naive", evaluation.Naive), ("seasonal_naive", evaluation.SeasonalNaive) }
            .Select(row => string.Create(CultureInfo.InvariantCulture,
                $"model={row.Item1} mape={row.Item2.Mape:F4} rmse={row.Item2.Rmse:F4} mae={row.Item2.Mae:F4} mse={row.Item2.Mse:F4} r2={row.Item2.R2:F4}"));
        Assert.Equal(expected, lines[^3..]);
        Assert.Contains(lines, line => line.StartsWith("backtest: ") && line.Contains("horizon 5;"));
    }

    [Fact]
    public async Task A_bad_csv_row_fails_naming_file_and_line()
    {
        string csv = Path.Combine(_directory, "bad.csv");
        File.WriteAllLines(csv, ["date,value", "2025-01-01,3", "2025-01-02,three"]);

        var (exitCode, _, errors) = await Run("eval-forecast", "--series", csv);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{csv}, line 3", errors[0]);
    }

    [Fact]
    public async Task Too_short_a_series_fails_with_the_day_count()
    {
        string csv = Path.Combine(_directory, "short.csv");
        await Run("generate-series", csv, "--days", "20");

        var (exitCode, _, errors) = await Run("eval-forecast", "--series", csv);

        Assert.Equal(1, exitCode);
        Assert.Contains("has 20", string.Join('\n', errors));
    }

    [Theory]
    [InlineData("Missing --series", "eval-forecast")]
    [InlineData("--series needs a value", "eval-forecast", "--series")]
    [InlineData("--days must be a whole number from 1", "generate-series", "a.csv", "--days", "-5")]
    [InlineData("Unknown option --dayz", "generate-series", "a.csv", "--dayz", "5")]
    [InlineData("--start must be a yyyy-MM-dd date; got '2024-13-01'", "generate-series", "a.csv", "--start", "2024-13-01")]
    [InlineData("--weeks 1 is shorter than --horizon 14 days", "eval-forecast", "--series", "a.csv", "--weeks", "1", "--horizon", "14")]
    public async Task Usage_errors_exit_with_2_on_stderr_with_the_verbs_usage(string expected, string verb, params string[] args)
    {
        var (exitCode, lines, errors) = await Run(verb, args);

        Assert.Equal(2, exitCode);
        Assert.Empty(lines);
        Assert.StartsWith(expected, errors[0]);
        Assert.StartsWith($"Usage: FunnelDashboard.Web {verb} ", errors[1]);
        Assert.False(File.Exists("a.csv"));
    }
}
