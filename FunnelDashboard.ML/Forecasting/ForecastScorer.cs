namespace FunnelDashboard.ML.Forecasting;

/// <summary>
/// Collects out-of-sample forecasts of the LSTM and both baselines, possibly from several models (a backtest that
/// retrains), and scores them alike: a day whose actual is unknown is skipped, never counted as zero.
/// </summary>
internal sealed class ForecastScorer
{
    private readonly List<float> _actual = [], _lstm = [], _naive = [], _seasonal = [];
    private readonly HashSet<int> _scoredDays = [], _unknownDays = [];
    private int _origins, _inside80, _inside95, _firstDay = int.MaxValue, _lastDay = int.MinValue;

    public void Add(ForecastModel model, ForecastFeatures features, IReadOnlyList<int> origins)
    {
        if (origins.Count == 0) return;
        var logs = model.PredictLogAt(features, origins);
        var intervals = model.Intervals;
        for (int r = 0; r < origins.Count; r++)
        {
            int origin = origins[r];
            _origins++;
            for (int step = 1; step <= model.Architecture.Horizon; step++)
            {
                int day = origin + step;
                _firstDay = Math.Min(_firstDay, day);
                _lastDay = Math.Max(_lastDay, day);
                float actual = features.Observed[day];
                if (float.IsNaN(actual))
                {
                    _unknownDays.Add(day);
                    continue;
                }
                float log = logs[r, step - 1];
                _actual.Add(actual);
                _lstm.Add(ForecastFeatures.ToVisits(log));
                _naive.Add(Baselines.Naive(features.Filled, origin, step));
                _seasonal.Add(Baselines.SeasonalNaive(features.Filled, origin, step));
                _scoredDays.Add(day);
                if (Inside(actual, log, intervals.Lower80[step - 1], intervals.Upper80[step - 1])) _inside80++;
                if (Inside(actual, log, intervals.Lower95[step - 1], intervals.Upper95[step - 1])) _inside95++;
            }
        }
    }

    private static bool Inside(float actual, float log, float lower, float upper) =>
        actual >= ForecastFeatures.ToVisits(log + lower) && actual <= ForecastFeatures.ToVisits(log + upper);

    /// <exception cref="ArgumentException">No forecast could be scored (no origins, or every actual unknown).</exception>
    public ForecastEvaluation Result(Func<int, DateOnly> dateAt)
    {
        if (_actual.Count == 0)
            throw new ArgumentException($"Nothing to score: {_origins} forecasts, and no known actual among their {_unknownDays.Count} target days.");
        return new ForecastEvaluation(
            ForecastMetrics.Compute(_actual, _lstm),
            ForecastMetrics.Compute(_actual, _naive),
            ForecastMetrics.Compute(_actual, _seasonal),
            dateAt(_firstDay), dateAt(_lastDay), _origins, _scoredDays.Count, _unknownDays.Count,
            (double)_inside80 / _actual.Count, (double)_inside95 / _actual.Count);
    }
}
