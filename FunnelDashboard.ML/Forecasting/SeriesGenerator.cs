namespace FunnelDashboard.ML.Forecasting;

/// <summary>
/// Synthetic daily visits for demos and tests: a random level with a linear trend, a random weekly profile
/// (weekends quieter), a mild yearly wave and multiplicative Gaussian noise. Same seed, same series.
/// </summary>
public static class SeriesGenerator
{
    public static readonly DateOnly DefaultStart = new(2024, 1, 1);

    public static DailySeries Generate(int days, int seed, DateOnly? start = null, double noise = 0.08)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var random = new Random(seed);
        var first = start ?? DefaultStart;
        double level = 500 + 1500 * random.NextDouble();
        double trendPerDay = level * (-0.0002 + 0.0012 * random.NextDouble());
        var weekly = new double[7];
        for (int d = 0; d < 7; d++)
        {
            bool weekend = (DayOfWeek)d is DayOfWeek.Saturday or DayOfWeek.Sunday;
            weekly[d] = weekend ? 0.55 + 0.25 * random.NextDouble() : 0.9 + 0.3 * random.NextDouble();
        }
        double yearlyPhase = 2 * Math.PI * random.NextDouble();

        var values = new float[days];
        for (int i = 0; i < days; i++)
        {
            var date = first.AddDays(i);
            double yearly = 1 + 0.1 * Math.Sin(2 * Math.PI * date.DayOfYear / 365.25 + yearlyPhase);
            double expected = (level + trendPerDay * i) * weekly[(int)date.DayOfWeek] * yearly;
            values[i] = (float)Math.Max(0, Math.Round(expected * (1 + noise * Gaussian(random))));
        }
        return new DailySeries(first, values);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
