namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// Runs an analysis over a snapshot's users in parallel chunks, each with its own accumulator (no sharing, no locks);
/// the caller merges the accumulators. Small snapshots run in one chunk.
/// </summary>
internal static class UserChunks
{
    const int ChunksPerCore = 4;
    const int MinUsersPerChunk = 4096;

    public static T[] Run<T>(int userCount, Func<int, int, T> run)
    {
        var chunkCount = Math.Clamp(userCount / MinUsersPerChunk, 1, Environment.ProcessorCount * ChunksPerCore);
        var partials = new T[chunkCount];
        Parallel.For(0, chunkCount, c =>
            partials[c] = run((int)((long)userCount * c / chunkCount), (int)((long)userCount * (c + 1) / chunkCount)));
        return partials;
    }
}
