namespace FunnelDashboard.ML.Forecasting;

/// <summary>What a rolling-origin backtest did and how the LSTM and the baselines scored.</summary>
/// <param name="Retrains">Models trained: one every RetrainEvery origins, each on the data up to its first origin only.</param>
public sealed record BacktestResult(ForecastEvaluation Evaluation, int Days, int RetrainEvery, int Retrains, int MissingDays,
    IReadOnlyList<int> EpochsPerRetrain);

/// <summary>
/// An honest backtest: a forecast from every day whose horizon lies in the last <c>days</c> days of the series, by a
/// model retrained every <c>retrainEvery</c> origins on the data up to that origin (its own training and validation
/// split; the scored days are never trained on nor used to pick a model). Intervals are scored for coverage alike.
/// </summary>
public static class RollingBacktest
{
    /// <param name="days">Days at the end of the series to forecast; fewer when the series cannot spare them.</param>
    /// <param name="progress">Told after each retrain: (retrains done, retrains in all).</param>
    /// <exception cref="ArgumentException">The series is too short, or an option is out of range.</exception>
    public static BacktestResult Run(DailySeries series, ForecastOptions options, int days, int retrainEvery,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        ForecastTrainer.RequireLength(series, options);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, options.Horizon);
        ArgumentOutOfRangeException.ThrowIfLessThan(retrainEvery, 1);
        int horizon = options.Horizon;
        // The first model needs a training and validation split of its own before the first scored day.
        int firstScoredDay = Math.Max(series.Length - days, options.MinimumDays - horizon);
        var origins = Enumerable.Range(firstScoredDay - 1, series.Length - firstScoredDay - horizon + 1).ToArray();
        if (origins.Length == 0)
            throw new ArgumentException($"{series.Length} days leave no day to backtest after the first {firstScoredDay} needed for training.");

        var features = new ForecastFeatures(series, options.AnchorWeeks);
        var scorer = new ForecastScorer();
        var groups = origins.Chunk(retrainEvery).ToArray();
        var epochs = new List<int>();
        foreach (var (index, group) in groups.Index())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var split = ForecastSplit.Create(group[0] + 1, options, testDays: 0);
            var fitted = ForecastTrainer.Fit(features, split, options, progress: null, cancellationToken);
            scorer.Add(fitted.Model, features, group);
            epochs.Add(fitted.Log.Count);
            progress?.Report((index + 1, groups.Length));
        }
        return new BacktestResult(scorer.Result(features.DateAt), series.Length - firstScoredDay, retrainEvery, groups.Length,
            series.MissingDays, epochs);
    }
}
