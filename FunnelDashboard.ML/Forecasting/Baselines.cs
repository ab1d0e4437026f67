namespace FunnelDashboard.ML.Forecasting;

/// <summary>The two reference forecasts every model is compared with. An origin is the index of the last observed day.</summary>
public static class Baselines
{
    /// <summary>The last observed value, repeated.</summary>
    public static float Naive(float[] values, int origin, int step) => values[origin];

    /// <summary>The value on the same weekday of the last observed week (step is 1-based).</summary>
    public static float SeasonalNaive(float[] values, int origin, int step) => values[origin + step - 7 * ((step + 6) / 7)];
}
