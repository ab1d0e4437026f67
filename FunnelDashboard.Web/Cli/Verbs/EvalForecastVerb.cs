using System.Globalization;
using FunnelDashboard.ML.Forecasting;

namespace FunnelDashboard.Web.Cli.Verbs;

public sealed class EvalForecastVerb : IVerb
{
    public string Name => "eval-forecast";
    public string Arguments => "--series FILE.csv [--horizon 7] [--weeks 8] [--seed 42] [--epochs 150] [--hidden 32]";
    public string Summary => "backtest over the last weeks of a date,value CSV (header optional): one model is trained on the data\n" +
                             "before them (no retraining), then forecasts from every day whose horizon falls in them; the LSTM and\n" +
                             "both baselines are scored alike; ends with model=… mape=… rmse=… mae=… mse=… r2=… per model";

    public async Task<int> RunAsync(string[] args, CommandContext context, CancellationToken ct)
    {
        var parsed = new CommandArgs(args, ["series", "horizon", "weeks", "seed", "epochs", "hidden"]);
        parsed.AtMost(0);
        var path = parsed.RequiredValue("series");
        var horizon = parsed.Int("horizon", 7, 1);
        var weeks = parsed.Int("weeks", 8, 1);
        var defaults = new ForecastOptions();
        var options = defaults with
        {
            Horizon = horizon,
            TestDays = weeks * 7,
            Seed = parsed.Int("seed", defaults.Seed, 0),
            MaxEpochs = parsed.Int("epochs", defaults.MaxEpochs, 1),
            HiddenSize = parsed.Int("hidden", defaults.HiddenSize, 1),
        };
        if (options.TestDays < horizon) throw new UsageException($"--weeks {weeks} is shorter than --horizon {horizon} days.");

        var series = DailySeriesCsv.Read(path);
        var output = context.Output;
        output.WriteLine($"{path}: {series.Length} days, {series.Start:yyyy-MM-dd} to {series.End:yyyy-MM-dd}");
        // Training is CPU-bound: off the caller's thread, like the web app's training.
        var result = await Task.Run(() => ForecastTrainer.Train(series, options, cancellationToken: ct), ct);
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
        return 0;
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
