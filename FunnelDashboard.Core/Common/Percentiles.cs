namespace FunnelDashboard.Core.Common;

/// <summary>The percentiles benchmarks report: nearest rank on the sorted values (the median of an even count is its upper middle).</summary>
public static class Percentiles
{
    /// <summary>The value at <paramref name="fraction"/> (0..1) of the sorted values; 0 when there are none.</summary>
    public static double Of(IEnumerable<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(fraction * sorted.Length))];
    }

    public static double Median(IEnumerable<double> values) => Of(values, 0.5);
}
