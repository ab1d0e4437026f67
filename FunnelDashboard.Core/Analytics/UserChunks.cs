namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// Runs an analysis over a snapshot's users in parallel chunks (by position in id order, so the chunks and the order
/// within them do not depend on how the rows are split into parts), each with its own accumulator (no sharing, no
/// locks); the caller merges the accumulators. Small snapshots run in one chunk.
/// </summary>
internal static class UserChunks
{
    const int ChunksPerCore = 4;
    const int MinUsersPerChunk = 4096;

    /// <param name="create">A fresh accumulator for a chunk.</param>
    /// <param name="run">Adds a range of users to the accumulator.</param>
    public static T[] Run<T>(EventSnapshot snapshot, Func<T> create, Action<T, UserRange> run)
    {
        var userCount = snapshot.UserCount;
        var chunkCount = Math.Clamp(userCount / MinUsersPerChunk, 1, Environment.ProcessorCount * ChunksPerCore);
        var partials = new T[chunkCount];
        Parallel.For(0, chunkCount, c =>
        {
            var accumulator = create();
            foreach (var range in snapshot.RangesAt((int)((long)userCount * c / chunkCount), (int)((long)userCount * (c + 1) / chunkCount)))
                run(accumulator, range);
            partials[c] = accumulator;
        });
        return partials;
    }

    /// <summary><see cref="Run{T}"/> with counters: each chunk counts into its own array, and the arrays are summed.</summary>
    public static long[] Count(EventSnapshot snapshot, int length, Action<long[], UserRange> run) => Sum(Run(snapshot, () => new long[length], run));

    /// <summary>The element-wise sum of per-chunk counts.</summary>
    public static long[] Sum(long[][] partials)
    {
        var total = partials[0];
        foreach (var other in partials.Skip(1))
            for (var i = 0; i < total.Length; i++) total[i] += other[i];
        return total;
    }
}
