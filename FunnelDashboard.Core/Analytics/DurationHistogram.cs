using System.Runtime.CompilerServices;

namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// Exact order statistics of durations in whole seconds, in constant time per value: durations under
/// <see cref="DirectLimit"/> seconds are counted in an array, longer ones (rare: days between steps) kept as they are.
/// Funnels over millions of users measure millions of durations; this avoids growing and sorting lists of them.
/// </summary>
public sealed class DurationHistogram
{
    public const int DirectLimit = 1 << 14; // 4.5 hours; 64 KB of counts, below the large-object heap
    int[]? counts;
    readonly List<int> longer = [];

    public long Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int seconds)
    {
        if ((uint)seconds < DirectLimit) (counts ??= new int[DirectLimit])[seconds]++;
        else longer.Add(seconds);
        Count++;
    }

    public void Add(DurationHistogram other)
    {
        if (other.counts is { } theirs)
        {
            var mine = counts ??= new int[DirectLimit];
            for (var i = 0; i < DirectLimit; i++) mine[i] += theirs[i];
        }
        longer.AddRange(other.longer);
        Count += other.Count;
    }

    /// <summary>
    /// The median (the middle value; for an even count, the mean of the two middle values) and the nearest-rank 90th
    /// percentile (the smallest value with at least 90% of the values at or below it); nulls when empty.
    /// </summary>
    public (double? Median, double? P90) MedianAndP90()
    {
        if (Count == 0) return (null, null);
        longer.Sort();
        var median = Count % 2 == 1 ? AtRank(Count / 2) : (AtRank(Count / 2 - 1) + (double)AtRank(Count / 2)) / 2;
        var p90 = AtRank(Math.Clamp((long)Math.Ceiling(0.9 * Count), 1, Count) - 1);
        return (median, p90);
    }

    /// <summary>How many values fall in each bin [edges[i], edges[i + 1]); the last bin is [edges[^1], ∞). Edges ascend from 0.</summary>
    public long[] CountBins(IReadOnlyList<int> edges)
    {
        var bins = new long[edges.Count];
        int Bin(int seconds)
        {
            var b = 0;
            while (b + 1 < edges.Count && seconds >= edges[b + 1]) b++;
            return b;
        }
        if (counts is not null)
            for (var seconds = 0; seconds < DirectLimit; seconds++)
                if (counts[seconds] > 0) bins[Bin(seconds)] += counts[seconds];
        foreach (var seconds in longer) bins[Bin(seconds)]++;
        return bins;
    }

    /// <summary>The value at a 0-based rank in sorted order (requires <see cref="longer"/> sorted).</summary>
    int AtRank(long rank)
    {
        if (counts is not null)
            for (var seconds = 0; seconds < DirectLimit; seconds++)
                if ((rank -= counts[seconds]) < 0) return seconds;
        return longer[(int)rank];
    }
}
