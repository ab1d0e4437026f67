using System.Globalization;

namespace FunnelDashboard.ML.Forecasting;

/// <summary>The text report of a backtest, as eval-forecast prints it; the last lines are one machine-readable line per model.</summary>
public static class BacktestReport
{
    public static void Write(TextWriter output, string name, DailySeries series, BacktestResult result, int horizon)
    {
        var e = result.Evaluation;
        output.WriteLine($"{name}: {series.Length} days, {series.Start:yyyy-MM-dd} to {series.End:yyyy-MM-dd}; " +
                         $"{result.MissingDays} unknown (missing) days, {GapFilling.Description}");
        output.WriteLine(Invariant($"backtest: forecasts for {e.TestStart:yyyy-MM-dd} to {e.TestEnd:yyyy-MM-dd} ({result.Days} days) from {e.Origins} origins, horizon {horizon}; ") +
                         $"retrained every {result.RetrainEvery} origins ({result.Retrains} models, each trained and chosen on its own training/validation split of the data up to its first origin; " +
                         $"epochs {string.Join(",", result.EpochsPerRetrain)})");
        output.WriteLine($"scored: {e.Lstm.Count} forecasts of {e.ScoredDays} known days; {e.UnknownDays} unknown days not scored" +
                         (e.Lstm.ZeroActualsSkipped > 0 ? $"; MAPE skips {e.Lstm.ZeroActualsSkipped} forecasts whose actual is zero" : ""));
        output.WriteLine(Invariant($"intervals: 80 % interval covers {100 * e.Coverage80:F1} % of actuals, 95 % interval covers {100 * e.Coverage95:F1} %"));
        output.WriteLine($"{"model",-16}{"MAPE %",10}{"RMSE",12}{"MAE",12}{"MSE",14}{"R2",9}");
        var rows = new[] { ("lstm", e.Lstm), ("naive", e.Naive), ("seasonal_naive", e.SeasonalNaive) };
        foreach (var (model, m) in rows)
            output.WriteLine(Invariant($"{model,-16}{m.Mape,10:F2}{m.Rmse,12:F2}{m.Mae,12:F2}{m.Mse,14:F1}{m.R2,9:F4}"));
        foreach (var (model, m) in rows)
            output.WriteLine(Invariant($"model={model} mape={m.Mape:F4} rmse={m.Rmse:F4} mae={m.Mae:F4} mse={m.Mse:F4} r2={m.R2:F4} scored_days={e.ScoredDays} forecasts={m.Count}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
