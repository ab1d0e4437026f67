using System.Globalization;
using FunnelDashboard.ML.Forecasting;
using FunnelDashboard.Tests.Support;
using FunnelDashboard.Web.Cli;

namespace FunnelDashboard.Tests.Forecasting;

public sealed class TrainForecastCommandTests(GeneratedDataset dataset) : IClassFixture<GeneratedDataset>, IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = await CommandLine.RunAsync(args, output, error, ForecastApp.Settings(dataset.Folder, folder, trainOnStart: false));
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Trains_and_registers_every_series_and_prints_the_model_against_the_baselines()
    {
        Assert.Equal(0, (await Run("import", dataset.Folder)).ExitCode);

        var (exitCode, output, error) = await Run("train-forecast", "--epochs", "2");

        Assert.True(exitCode == 0, error);
        Assert.Contains("Trained 5 forecast models", output);
        Assert.Matches(@"Data 2015-01-01 to 2015-0[4-9]-\d\d; metrics on the held-out days", output);
        var rows = output.Split('\n').Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        foreach (var series in new[] { "total", "home", "search", "payment", "confirmation" })
        {
            var row = rows.FindIndex(r => r is [var name, "1", "2", "lstm", ..] && name == series);
            Assert.True(row >= 0, $"no lstm row for {series} (version 1, 2 epochs) in:\n{output}");
            Assert.Equal("naive", rows[row + 1][0]);
            Assert.Equal("seasonal_naive", rows[row + 2][0]);
            Assert.True(File.Exists(Path.Combine(folder, "models", series, "v000001", "model.fdfm")));
            // The printed figures are the registered model's, not just well-formed numbers.
            var stored = new ForecastModelRegistry(Path.Combine(folder, "models")).List(series).Single().Evaluation;
            string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
            Assert.Equal([F(stored.Lstm.Mape, "F1"), F(stored.Lstm.Rmse, "F1"), F(stored.Lstm.Mae, "F1"), F(stored.Lstm.R2, "F3")], rows[row][4..8]);
            Assert.Equal([F(stored.SeasonalNaive.Mape, "F1"), F(stored.SeasonalNaive.Rmse, "F1")], rows[row + 2][1..3]);
        }
    }

    [Theory]
    [InlineData("--epochs", "0", "--epochs must be a whole number from 1 to 100,000; got '0'.")]
    [InlineData("--batch-size", "many", "--batch-size must be a whole number from 1 to 10,000; got 'many'.")]
    [InlineData("--sequence-length", "3", "--sequence-length must be a whole number from 7 to 365; got '3'.")]
    [InlineData("--prediction-horizon", "29", "--prediction-horizon must be a whole number from 1 to 28; got '29'.")]
    [InlineData("--days-back", "20", "--days-back must be a whole number from 49 to 100,000; got '20'.")]
    [InlineData("--model-version", "my model", "--model-version must be 1 to 64 letters, digits, '.', '_' or '-'; got 'my model'.")]
    [InlineData("--learning-rate", "1", "Unknown option --learning-rate.")]
    public async Task A_bad_training_option_is_a_usage_error_naming_the_option(string option, string value, string expected)
    {
        var (exitCode, _, error) = await Run("train-forecast", option, value);

        Assert.Equal(2, exitCode);
        Assert.StartsWith(expected, error);
        Assert.Contains("Usage: FunnelDashboard.Web train-forecast [--sequence-length N]", error);
        Assert.False(Directory.Exists(Path.Combine(folder, "models")));
    }

    [Fact]
    public async Task The_training_options_shape_the_version_which_is_named_and_the_name_cannot_be_taken_twice()
    {
        Assert.Equal(0, (await Run("import", dataset.Folder)).ExitCode);

        var (exitCode, output, error) = await Run("train-forecast", "--epochs", "2", "--batch-size", "8", "--sequence-length", "14",
            "--prediction-horizon", "5", "--days-back", "60", "--model-version", "spring");

        Assert.True(exitCode == 0, error);
        Assert.Contains("named spring", output);
        var registry = new ForecastModelRegistry(Path.Combine(folder, "models"));
        var info = registry.List("total").Single();
        Assert.Equal(("spring", "command line", 14, 5, 8, 2), (info.Name, info.CreatedBy, info.Options.InputDays, info.Options.Horizon, info.Options.BatchSize, info.Options.MaxEpochs));
        Assert.Equal(59, info.DataEnd.DayNumber - info.DataStart.DayNumber);

        var again = await Run("train-forecast", "--epochs", "2", "--model-version", "spring");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("The version name 'spring' is taken (version 1 of 'total'); choose another.", again.Error);
        Assert.Single(registry.List("total"));
    }

    [Fact]
    public async Task Without_data_it_fails_saying_why()
    {
        var (exitCode, _, error) = await Run("train-forecast");

        Assert.Equal(1, exitCode);
        Assert.Contains("Nothing to train on", error);
    }

    [Fact]
    public async Task Forecast_verbs_of_the_ML_library_are_routed_through_the_one_command_line()
    {
        var csv = Path.Combine(folder, "series.csv");

        var (exitCode, output, _) = await Run("generate-series", csv, "--days", "40");

        Assert.Equal(0, exitCode);
        Assert.Contains("wrote 40 days", output);
        Assert.Equal(41, File.ReadAllLines(csv).Length);
    }
}
