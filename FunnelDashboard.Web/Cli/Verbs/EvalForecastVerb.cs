using FunnelDashboard.ML.Forecasting;

namespace FunnelDashboard.Web.Cli.Verbs;

public sealed class EvalForecastVerb : IVerb
{
    const int DefaultBacktestDays = 365;
    const int DefaultRetrainEvery = 28;

    public string Name => "eval-forecast";
    public string Arguments => "--series FILE.csv [--horizon 7] [--days 365] [--retrain-every 28] [--seed 42] [--epochs 150] [--hidden 16]\n" +
                               "              [--input-days 28] [--anchor-weeks 4]";
    public string Summary => "rolling-origin backtest of a date,value CSV (header optional; missing dates are unknown): a forecast from every\n" +
                             "day whose horizon falls in the last --days days, the model retrained every --retrain-every origins on the data\n" +
                             "up to that origin; LSTM and both baselines scored alike on known days, with the intervals' coverage;\n" +
                             "ends with model=… mape=… rmse=… mae=… mse=… r2=… scored_days=… per model";

    public async Task<int> RunAsync(string[] args, CommandContext context, CancellationToken ct)
    {
        var parsed = new CommandArgs(args, ["series", "horizon", "days", "retrain-every", "seed", "epochs", "hidden", "input-days", "anchor-weeks"]);
        parsed.AtMost(0);
        var path = parsed.RequiredValue("series");
        var defaults = new ForecastOptions();
        var options = defaults with
        {
            Horizon = parsed.Int("horizon", defaults.Horizon, 1),
            Seed = parsed.Int("seed", defaults.Seed, 0),
            MaxEpochs = parsed.Int("epochs", defaults.MaxEpochs, 1),
            HiddenSize = parsed.Int("hidden", defaults.HiddenSize, 1),
            InputDays = parsed.Int("input-days", defaults.InputDays, 1),
            AnchorWeeks = parsed.Int("anchor-weeks", defaults.AnchorWeeks, 1),
        };
        var days = parsed.Int("days", DefaultBacktestDays, 1);
        var retrainEvery = parsed.Int("retrain-every", DefaultRetrainEvery, 1);
        if (days < options.Horizon) throw new UsageException($"--days {days} is shorter than --horizon {options.Horizon}.");

        var series = DailySeriesCsv.Read(path);
        // Training is CPU-bound: off the caller's thread, like the web app's training.
        var result = await Task.Run(() => RollingBacktest.Run(series, options, days, retrainEvery, cancellationToken: ct), ct);
        BacktestReport.Write(context.Output, path, series, result, options.Horizon);
        return 0;
    }
}
