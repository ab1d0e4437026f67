using System.Globalization;
using System.Text.RegularExpressions;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Storage;
using FunnelDashboard.ML.Forecasting;
using FunnelDashboard.Web.Forecasting;
using FunnelDashboard.Web.Jobs;

namespace FunnelDashboard.Web.Cli.Verbs;

public sealed partial class TrainForecastVerb : IVerb
{
    public string Name => "train-forecast";
    public string Arguments => "[--sequence-length N] [--prediction-horizon N] [--days-back N] [--epochs N] [--batch-size N] [--model-version NAME]";
    public string Summary => "train a visit forecaster per page and one for the total on the stored data (the last --days-back days),\n" +
                             "register them in the model directory (named --model-version, unique), activate each that beats the\n" +
                             "active version, print their metrics against the baselines";

    public const string Actor = "command line";

    public async Task<int> RunAsync(string[] args, CommandContext context, CancellationToken ct)
    {
        var parsed = new CommandArgs(args, ["sequence-length", "prediction-horizon", "days-back", "epochs", "batch-size", "model-version"]);
        parsed.AtMost(0);
        await using var services = context.BuildServices();
        var training = services.GetRequiredService<ForecastTraining>();
        var request = Request(parsed, training.DefaultRequest(Actor));

        await services.GetRequiredService<IEventStore>().InitializeAsync(ct);
        var view = await services.GetRequiredService<FunnelAnalytics>().RefreshAsync(ct);
        if (view.State != AnalyticsState.Ready)
        {
            await context.Error.WriteLineAsync($"Nothing to train on: {view.StatusMessage}");
            return 1;
        }

        var trained = training.Train(request, new LogReporter(services.GetRequiredService<ILogger<TrainForecastVerb>>()), ct);
        var forecasts = services.GetRequiredService<ForecastService>();
        var output = context.Output;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Trained {trained.Count} forecast models into {forecasts.ModelDirectory}{(request.VersionName is { } name ? $", named {name}" : "")}"));
        var first = trained[0].Info;
        output.WriteLine($"Data {first.DataStart:yyyy-MM-dd} to {first.DataEnd:yyyy-MM-dd}; metrics on the held-out days " +
                         $"{first.Evaluation.TestStart:yyyy-MM-dd} to {first.Evaluation.TestEnd:yyyy-MM-dd} ({first.Evaluation.Origins} forecasts of {first.Options.Horizon} days)");
        output.WriteLine($"  {"series",-14}{"version",8}{"epochs",8}  {"model",-16}{"MAPE %",9}{"RMSE",11}{"MAE",11}{"R2",9}  active");
        foreach (var (info, activated) in trained)
        {
            var models = new[] { ("lstm", info.Evaluation.Lstm), ("naive", info.Evaluation.Naive), ("seasonal_naive", info.Evaluation.SeasonalNaive) };
            foreach (var (index, (model, m)) in models.Index())
            {
                // The series, its version, epochs and whether it serves head its first row only.
                var (series, version, epochs, active) = index == 0 ? (info.SeriesKey, $"{info.Version}", $"{info.Epochs}", activated ? "yes" : "no") : ("", "", "", "");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {series,-14}{version,8}{epochs,8}  {model,-16}{m.Mape,9:F1}{m.Rmse,11:F1}{m.Mae,11:F1}{m.R2,9:F3}  {active}"));
            }
        }
        foreach (var (info, _) in trained) output.WriteLine($"{info.SeriesKey} v{info.Version}: {info.Decision}");
        if (!forecasts.HasAllModels)
        {
            await context.Error.WriteLineAsync(forecasts.Status.Message);
            return 1;
        }
        return 0;
    }

    /// <summary>The settings' training with the command line's options over it; every value is checked by its option's name.</summary>
    static ForecastTrainingRequest Request(CommandArgs parsed, ForecastTrainingRequest defaults)
    {
        var o = defaults.Options;
        var options = o with
        {
            InputDays = parsed.Int("sequence-length", o.InputDays, 7, 365),
            Horizon = parsed.Int("prediction-horizon", o.Horizon, 1, 28),
            MaxEpochs = parsed.Int("epochs", o.MaxEpochs, 1, 100_000),
            BatchSize = parsed.Int("batch-size", o.BatchSize, 1, 10_000),
        };
        // The held-out tail must hold at least one whole forecast.
        options = options with { TestDays = Math.Max(options.TestDays, options.Horizon) };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--sequence-length and --prediction-horizon do not fit together: {e.Message}");
        }
        int? daysBack = parsed.Has("days-back") ? parsed.Int("days-back", 0, options.MinimumDays, 100_000) : defaults.DaysBack;
        var name = parsed.Value("model-version");
        if (name is not null && !VersionName().IsMatch(name))
            throw new UsageException($"--model-version must be 1 to 64 letters, digits, '.', '_' or '-'; got '{name}'.");
        return defaults with { Options = options, DaysBack = daysBack, VersionName = name };
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex VersionName();

    /// <summary>Progress goes to the log (stderr), like every verb's.</summary>
    sealed class LogReporter(ILogger logger) : IJobReporter
    {
        double lastShown = -1;

        public void Report(double progress, string message)
        {
            // A line per percent is plenty on a console.
            if (progress - lastShown < 0.01 && progress < 1) return;
            lastShown = progress;
            logger.LogInformation("{Percent,3:F0} % {Message}", 100 * progress, message);
        }

        public void Log(string line) => logger.LogInformation("{Line}", line);

        public void Curve(string curve, LossPoint point) { }
    }
}
