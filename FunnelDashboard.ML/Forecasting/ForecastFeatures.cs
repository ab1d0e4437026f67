using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Forecasting;

/// <summary>
/// Turns a series into network inputs and targets. Each input day carries its scaled visits, its scaled trailing
/// 7-day mean, and day of week and month as points on a circle. The network predicts each future day as a residual
/// over the trailing 7-day mean at the origin (the "level"), in scaled units: well-scaled targets whatever the trend.
/// </summary>
internal sealed class ForecastFeatures
{
    public const int Count = 6;
    private const int LevelDays = 7;

    private readonly DailySeries _series;
    private readonly MinMaxScaler _scaler;
    private readonly float[] _level;

    public ForecastFeatures(DailySeries series, MinMaxScaler scaler)
    {
        _series = series;
        _scaler = scaler;
        _level = TrailingMean(series.Values, LevelDays);
    }

    public float[] Values => _series.Values;

    public DateOnly DateAt(int day) => _series.DateAt(day);

    /// <summary>One matrix per input day (oldest first), one row per origin.</summary>
    public Matrix[] Inputs(IReadOnlyList<int> origins, int inputDays)
    {
        var steps = new Matrix[inputDays];
        for (int t = 0; t < inputDays; t++)
        {
            steps[t] = new Matrix(origins.Count, Count);
            for (int r = 0; r < origins.Count; r++)
                Describe(origins[r] - inputDays + 1 + t, steps[t].Row(r));
        }
        return steps;
    }

    public Matrix Targets(IReadOnlyList<int> origins, int horizon)
    {
        var targets = new Matrix(origins.Count, horizon);
        for (int r = 0; r < origins.Count; r++)
            for (int step = 1; step <= horizon; step++)
                targets[r, step - 1] = (Values[origins[r] + step] - _level[origins[r]]) / _scaler.Range;
        return targets;
    }

    /// <summary>Inverse of <see cref="Targets"/>: a network output back in visits, never negative.</summary>
    public float ToVisits(int origin, float target) => MathF.Max(0f, _level[origin] + target * _scaler.Range);

    private void Describe(int day, Span<float> row)
    {
        var date = _series.DateAt(day);
        double week = 2 * Math.PI * (int)date.DayOfWeek / 7;
        double year = 2 * Math.PI * (date.Month - 1) / 12;
        row[0] = _scaler.Scale(Values[day]);
        row[1] = _scaler.Scale(_level[day]);
        row[2] = (float)Math.Sin(week);
        row[3] = (float)Math.Cos(week);
        row[4] = (float)Math.Sin(year);
        row[5] = (float)Math.Cos(year);
    }

    /// <summary>Mean of the last <paramref name="days"/> values up to each day (fewer at the very start).</summary>
    private static float[] TrailingMean(float[] values, int days)
    {
        var means = new float[values.Length];
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += values[i];
            if (i >= days) sum -= values[i - days];
            means[i] = (float)(sum / Math.Min(i + 1, days));
        }
        return means;
    }
}
