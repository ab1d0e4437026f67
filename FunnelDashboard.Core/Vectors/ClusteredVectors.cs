using FunnelDashboard.Core.Common;

namespace FunnelDashboard.Core.Vectors;

/// <summary>
/// Synthetic embeddings shaped like real ones: a mixture of Gaussians (centres drawn from N(0, 1) per dimension,
/// points spread around a centre with standard deviation <c>spread</c>). Uniform random vectors have no neighbourhood
/// structure at all, so no approximate index can do well on them; learned embeddings do cluster.
/// </summary>
public static class ClusteredVectors
{
    /// <summary>Row i depends only on (seed, i), so the set is the same whatever the thread count.</summary>
    public static VectorSet Generate(int count, int dimensions, int clusters, float spread, long seed, long firstId = 0)
    {
        var centres = new float[clusters * dimensions];
        var centreRandom = SplitMix64.ForKey(seed, -1);
        for (int i = 0; i < centres.Length; i++) centres[i] = Gaussian(ref centreRandom);

        var vectors = new float[(long)count * dimensions];
        var ids = new long[count];
        Parallel.For(0, count, i =>
        {
            var random = SplitMix64.ForKey(seed, firstId + i);
            int cluster = random.Next(0, clusters);
            var row = vectors.AsSpan(i * dimensions, dimensions);
            var centre = centres.AsSpan(cluster * dimensions, dimensions);
            for (int d = 0; d < dimensions; d++) row[d] = centre[d] + spread * Gaussian(ref random);
            ids[i] = firstId + i;
        });
        return new VectorSet(ids, vectors, dimensions);
    }

    /// <summary>A standard normal draw (Box-Muller).</summary>
    static float Gaussian(ref SplitMix64 random)
    {
        double u = 1 - random.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble()));
    }
}
