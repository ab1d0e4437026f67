using System.Numerics.Tensors;

namespace FunnelDashboard.Core.Vectors;

/// <summary>A k-means clustering: the centroids (k × dimensions), each vector's cluster, and its mean silhouette.</summary>
public sealed record Clustering(int K, float[] Centroids, int[] Assignment, double Silhouette);

/// <summary>
/// Groups vectors (e.g. user embeddings into behavioural clusters) with k-means, choosing k by the mean silhouette
/// when it is not given.
/// </summary>
public static class KMeansClustering
{
    /// <summary>The silhouette is quadratic in the points, so it is measured on a seeded sample of at most this many.</summary>
    public const int SilhouetteSample = 2000;

    public static Clustering Fit(float[] vectors, int dimensions, int k, int seed = 1, int iterations = 25)
    {
        var centroids = KMeans.Fit(vectors, dimensions, k, iterations, seed);
        var assignment = new int[vectors.Length / dimensions];
        Array.Fill(assignment, -1);
        KMeans.AssignAll(vectors, dimensions, centroids, KMeans.HalfSquaredNorms(centroids, dimensions), assignment);
        return new Clustering(k, centroids, assignment, SampledSilhouette(vectors, dimensions, assignment, seed));
    }

    /// <summary>The clustering with the best mean silhouette among k = 2 … maxK (the smaller k on ties).</summary>
    public static Clustering ChooseK(float[] vectors, int dimensions, int maxK, int seed = 1)
    {
        int count = vectors.Length / dimensions;
        if (count < 3) throw new ArgumentException($"Choosing k needs at least 3 vectors; got {count}.", nameof(vectors));
        return Enumerable.Range(2, Math.Clamp(maxK, 2, count - 1) - 1)
            .Select(k => Fit(vectors, dimensions, k, seed))
            .Aggregate((best, next) => next.Silhouette > best.Silhouette ? next : best);
    }

    /// <summary>
    /// Mean over points of (b − a) / max(a, b), with a the mean Euclidean distance to the rest of its cluster and b
    /// the smallest mean distance to another cluster; a point alone in its cluster scores 0.
    /// </summary>
    public static double Silhouette(float[] vectors, int dimensions, int[] assignment)
    {
        int count = assignment.Length, k = assignment.Max() + 1;
        var sizes = new int[k];
        foreach (int c in assignment) sizes[c]++;
        var scores = new double[count];
        Parallel.For(0, count, i =>
        {
            var sums = new double[k];
            var point = vectors.AsSpan(i * dimensions, dimensions);
            for (int j = 0; j < count; j++)
                if (j != i) sums[assignment[j]] += TensorPrimitives.Distance(point, vectors.AsSpan(j * dimensions, dimensions));
            int own = assignment[i];
            if (sizes[own] == 1) return;
            double a = sums[own] / (sizes[own] - 1), b = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
                if (c != own && sizes[c] > 0) b = Math.Min(b, sums[c] / sizes[c]);
            scores[i] = double.IsPositiveInfinity(b) ? 0 : (b - a) / Math.Max(a, b);
        });
        return scores.Average();
    }

    static double SampledSilhouette(float[] vectors, int dimensions, int[] assignment, int seed)
    {
        if (assignment.Length <= SilhouetteSample) return Silhouette(vectors, dimensions, assignment);
        var chosen = Enumerable.Range(0, assignment.Length).ToArray();
        new Random(seed).Shuffle(chosen);
        chosen = chosen[..SilhouetteSample];
        var sample = new float[SilhouetteSample * dimensions];
        for (int i = 0; i < chosen.Length; i++) vectors.AsSpan(chosen[i] * dimensions, dimensions).CopyTo(sample.AsSpan(i * dimensions, dimensions));
        // Renumber the clusters present in the sample densely.
        var labels = chosen.Select(i => assignment[i]).ToArray();
        var dense = labels.Distinct().Order().Select((c, index) => (c, index)).ToDictionary(p => p.c, p => p.index);
        return Silhouette(sample, dimensions, labels.Select(c => dense[c]).ToArray());
    }
}
