using System.Diagnostics;
using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.ML.Forecasting;
using FunnelDashboard.Web.Forecasting;

namespace FunnelDashboard.Web.Cli.Verbs;

public sealed class TrainForecastVerb : IVerb
{
    public string Name => "train-forecast";
    public string Arguments => "[--epochs N]";
    public string Summary => "train a visit forecaster per page and one for the total on the stored data,\n" +
                             "register them in the model directory, print their metrics against the baselines";

    public async Task<int> RunAsync(string[] args, CommandContext context, CancellationToken ct)
    {
        var parsed = new CommandArgs(args, ["epochs"]);
        parsed.AtMost(0);
        var configuration = context.Configuration;
        if (parsed.Value("epochs") is not null)
        {
            var epochs = parsed.Long("epochs", 0, 1, 100_000);
            configuration = new ConfigurationBuilder().AddConfiguration(configuration)
                .AddInMemoryCollection([new KeyValuePair<string, string?>($"{ForecastingOptions.Section}:{nameof(ForecastingOptions.MaxEpochs)}", epochs.ToString(CultureInfo.InvariantCulture))])
                .Build();
        }
        await using var services = context.BuildServices(configuration);
        await services.GetRequiredService<IEventStore>().InitializeAsync(ct);
        var analytics = services.GetRequiredService<FunnelAnalytics>();
        var view = await analytics.RefreshAsync(ct);
        if (view.State != AnalyticsState.Ready)
        {
            await context.Error.WriteLineAsync($"Nothing to train on: {view.StatusMessage}");
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
            await context.Error.WriteLineAsync($"Training failed: {e.Message}");
            return 1;
        }
        var output = context.Output;
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
            await context.Error.WriteLineAsync(forecasts.Status.Message);
            return 1;
        }
        return 0;
    }
}
