namespace FunnelDashboard.Core.Common;

/// <summary>
/// Latencies counted in 0.1 ms steps up to <see cref="Range"/> (longer ones in the last step), so a benchmark or a
/// simulator that runs for days reports percentiles in constant memory. Percentiles by nearest rank, as
/// <see cref="Percentiles"/> computes them on the values themselves. Not thread-safe.
/// </summary>
public sealed class LatencyHistogram
{
    const double StepsPerMs = 10;
    public static readonly TimeSpan Range = TimeSpan.FromSeconds(30);

    readonly int[] counts = new int[(int)(Range.TotalMilliseconds * StepsPerMs) + 1];

    public long Count { get; private set; }

    public void Add(double ms)
    {
        counts[(int)Math.Clamp(ms * StepsPerMs, 0, counts.Length - 1)]++;
        Count++;
    }

    /// <summary>The latency at <paramref name="fraction"/> (0..1) of the sorted latencies, in ms; 0 when there are none.</summary>
    public double Percentile(double fraction)
    {
        if (Count == 0) return 0;
        var rank = (long)Math.Min(Count - 1, Math.Floor(fraction * Count));
        long below = 0;
        for (var step = 0; step < counts.Length; step++)
        {
            below += counts[step];
            if (below > rank) return step / StepsPerMs;
        }
        return Range.TotalMilliseconds;
    }
}
