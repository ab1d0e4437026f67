using System.Text.RegularExpressions;
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
        var (exitCode, lines, _) = await Run("eval-forecast", "--series", csv, "--horizon", "7", "--days", "28", "--retrain-every", "11", "--epochs", "3", "--hidden", "8");

        Assert.Equal(0, generated);
        Assert.Equal(0, exitCode);
        Assert.Equal(121, File.ReadAllLines(csv).Length);
        var last = lines[^3..];
        string number = @"-?\d+\.\d{4}";
        for (int i = 0; i < 3; i++)
            Assert.Matches(new Regex($"^model={new[] { "lstm", "naive", "seasonal_naive" }[i]} mape={number} rmse={number} mae={number} mse={number} r2={number} scored_days=28 forecasts=154$"), last[i]);
        Assert.Contains(lines, line => line.Contains("retrained every 11 origins (2 models")); // 22 origins
    }

    [Fact]
    public async Task Missing_dates_are_reported_and_left_unscored()
    {
        string csv = Path.Combine(_directory, "gaps.csv");
        await Run("generate-series", csv, "--days", "120", "--seed", "4");
        var rows = File.ReadAllLines(csv).ToList();
        rows.RemoveAt(110); // two days inside the backtested last 28, one before it
        rows.RemoveAt(100);
        rows.RemoveAt(50);
        File.WriteAllLines(csv, rows);

        var (exitCode, lines, _) = await Run("eval-forecast", "--series", csv, "--days", "28", "--epochs", "2", "--hidden", "8");

        Assert.Equal(0, exitCode);
        Assert.Contains("120 days", lines[0]);
        Assert.Contains("3 unknown (missing) days", lines[0]);
        Assert.Contains(lines, line => line.StartsWith("scored:") && line.Contains("of 26 known days; 2 unknown days not scored"));
        Assert.EndsWith("scored_days=26 forecasts=140", lines[^1]); // 22 origins x 7, less 7 forecasts of each unknown day
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
    [InlineData("--days 5 is shorter than --horizon 14", "eval-forecast", "--series", "a.csv", "--days", "5", "--horizon", "14")]
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
