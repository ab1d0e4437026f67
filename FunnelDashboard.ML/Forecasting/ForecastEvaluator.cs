namespace FunnelDashboard.ML.Forecasting;

internal static class ForecastEvaluator
{
    /// <summary>Scores the model and both baselines on every horizon day of every origin.</summary>
    public static ForecastEvaluation Evaluate(ForecastModel model, ForecastFeatures features, int[] origins)
    {
        var values = features.Values;
        int horizon = model.Architecture.Horizon;
        var forecasts = model.PredictAt(features, origins);
        var actual = new List<float>();
        var lstm = new List<float>();
        var naive = new List<float>();
        var seasonal = new List<float>();
        for (int r = 0; r < origins.Length; r++)
            for (int step = 1; step <= horizon; step++)
            {
                actual.Add(values[origins[r] + step]);
                lstm.Add(forecasts[r, step - 1]);
                naive.Add(Baselines.Naive(values, origins[r], step));
                seasonal.Add(Baselines.SeasonalNaive(values, origins[r], step));
            }
        return new ForecastEvaluation(
            ForecastMetrics.Compute(actual, lstm),
            ForecastMetrics.Compute(actual, naive),
            ForecastMetrics.Compute(actual, seasonal),
            features.DateAt(origins[0] + 1), features.DateAt(origins[^1] + horizon), origins.Length);
    }
}
