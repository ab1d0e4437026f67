namespace FunnelDashboard.ML.Forecasting;

/// <summary>
/// 80 % and 95 % prediction intervals as offsets in log space (log(1 + visits)) per horizon step, taken as quantiles of
/// out-of-sample residuals: log(1 + actual) minus the forecast's log, on origins the network's weights were not fitted
/// to. Multiplicative in visits, so a busy day gets a wider band than a quiet one.
/// </summary>
public sealed record ForecastIntervals(float[] Lower80, float[] Upper80, float[] Lower95, float[] Upper95)
{
    /// <summary>With fewer residuals than this per step, every step shares the pooled residuals of all steps.</summary>
    public const int MinimumPerStep = 30;

    public int Horizon => Lower80.Length;

    /// <param name="residuals">Per horizon step (0-based), the residuals of that step.</param>
    public static ForecastIntervals FromResiduals(IReadOnlyList<float>[] residuals)
    {
        if (residuals.Any(r => r.Count == 0)) throw new ArgumentException("Every horizon step needs at least one residual.", nameof(residuals));
        var pooled = residuals.SelectMany(r => r).ToArray();
        var samples = residuals.Select(r => r.Count >= MinimumPerStep ? r.ToArray() : pooled).ToArray();
        float[] Quantiles(double p) => samples.Select(s => Quantile(s, p)).ToArray();
        return new ForecastIntervals(Quantiles(0.10), Quantiles(0.90), Quantiles(0.025), Quantiles(0.975));
    }

    /// <summary>The p-quantile with linear interpolation between order statistics.</summary>
    public static float Quantile(float[] values, double p)
    {
        var sorted = values.Order().ToArray();
        double position = p * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return (float)(sorted[below] + (position - below) * (sorted[above] - sorted[below]));
    }
}
