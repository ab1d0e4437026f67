namespace FunnelDashboard.ML.Forecasting;

/// <summary>
/// Accuracy of forecasts against actuals, over every (origin, step) pair. MAPE is in percent and skips pairs whose
/// actual is zero (counted in <see cref="ZeroActualsSkipped"/>); it is NaN when every actual is zero.
/// </summary>
public sealed record ForecastMetrics(double Mse, double Mae, double Rmse, double Mape, double R2, int Count, int ZeroActualsSkipped)
{
    public static ForecastMetrics Compute(IReadOnlyList<float> actual, IReadOnlyList<float> predicted)
    {
        if (actual.Count != predicted.Count || actual.Count == 0)
            throw new ArgumentException($"Need equally many actuals and predictions, at least one (got {actual.Count} and {predicted.Count}).");
        double squared = 0, absolute = 0, percent = 0, mean = actual.Average(a => (double)a), total = 0;
        int zeros = 0;
        for (int i = 0; i < actual.Count; i++)
        {
            double error = (double)predicted[i] - actual[i];
            squared += error * error;
            absolute += Math.Abs(error);
            total += (actual[i] - mean) * (actual[i] - mean);
            if (actual[i] == 0) zeros++;
            else percent += Math.Abs(error / actual[i]);
        }
        int n = actual.Count;
        double mse = squared / n;
        return new ForecastMetrics(
            Mse: mse,
            Mae: absolute / n,
            Rmse: Math.Sqrt(mse),
            Mape: zeros == n ? double.NaN : 100 * percent / (n - zeros),
            R2: total == 0 ? double.NaN : 1 - squared / total,
            Count: n,
            ZeroActualsSkipped: zeros);
    }

    public bool IsFinite => double.IsFinite(Mse) && double.IsFinite(Mae) && double.IsFinite(Rmse);
}
