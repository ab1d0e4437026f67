using System.Numerics.Tensors;

namespace FunnelDashboard.Core.Vectors;

/// <summary>
/// Lloyd's k-means with k-means++ seeding in squared Euclidean distance, deterministic for a seed (points are assigned
/// in parallel, but each independently, and centroids are summed in point order).
/// </summary>
public static class KMeans
{
    /// <summary>k centroids (row-major, k × dimensions) of the vectors, after at most the given number of Lloyd iterations.</summary>
    public static float[] Fit(float[] data, int dimensions, int k, int iterations, int seed)
    {
        int count = data.Length / dimensions;
        if (k < 1 || k > count) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be from 1 to the number of vectors ({count}).");
        var random = new Random(seed);
        var centroids = SeedPlusPlus(data, dimensions, k, random);
        var assignment = new int[count];
        Array.Fill(assignment, -1);
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            var halfNorms = HalfSquaredNorms(centroids, dimensions);
            if (!AssignAll(data, dimensions, centroids, halfNorms, assignment)) break;
            UpdateCentroids(data, dimensions, assignment, centroids, random);
        }
        return centroids;
    }

    /// <summary>½‖c‖² per centroid: the nearest centroid to x maximises x·c − ½‖c‖².</summary>
    public static float[] HalfSquaredNorms(float[] centroids, int dimensions)
    {
        var result = new float[centroids.Length / dimensions];
        for (int c = 0; c < result.Length; c++)
        {
            var row = centroids.AsSpan(c * dimensions, dimensions);
            result[c] = 0.5f * TensorPrimitives.Dot(row, row);
        }
        return result;
    }

    /// <summary>The index of the centroid nearest to x (the first one on ties).</summary>
    public static int Nearest(ReadOnlySpan<float> x, float[] centroids, float[] halfNorms)
    {
        int dimensions = x.Length, best = 0;
        float bestScore = float.NegativeInfinity;
        for (int c = 0; c < halfNorms.Length; c++)
        {
            float score = TensorPrimitives.Dot(x, centroids.AsSpan(c * dimensions, dimensions)) - halfNorms[c];
            if (score > bestScore) (bestScore, best) = (score, c);
        }
        return best;
    }

    /// <summary>Nearest centroid of every vector, in parallel; true when any assignment changed.</summary>
    public static bool AssignAll(float[] data, int dimensions, float[] centroids, float[] halfNorms, int[] assignment)
    {
        int changed = 0;
        Parallel.For(0, assignment.Length, i =>
        {
            int nearest = Nearest(data.AsSpan(i * dimensions, dimensions), centroids, halfNorms);
            if (nearest != assignment[i])
            {
                assignment[i] = nearest;
                Volatile.Write(ref changed, 1);
            }
        });
        return changed == 1;
    }

    /// <summary>k-means++: each next centroid is a point drawn with probability proportional to its squared distance to the nearest chosen one.</summary>
    static float[] SeedPlusPlus(float[] data, int dimensions, int k, Random random)
    {
        int count = data.Length / dimensions;
        var centroids = new float[k * dimensions];
        var nearest = new double[count];
        Array.Fill(nearest, double.PositiveInfinity);
        int chosen = random.Next(count);
        for (int c = 0; c < k; c++)
        {
            var centroid = centroids.AsSpan(c * dimensions, dimensions);
            data.AsSpan(chosen * dimensions, dimensions).CopyTo(centroid);
            if (c == k - 1) break;
            var newest = centroids[(c * dimensions)..((c + 1) * dimensions)];
            Parallel.For(0, count, i =>
            {
                double distance = TensorPrimitives.Distance(data.AsSpan(i * dimensions, dimensions), newest);
                nearest[i] = Math.Min(nearest[i], distance * distance);
            });
            double total = 0;
            foreach (var d in nearest) total += d;
            // All points coincide with chosen centroids: any point will do.
            if (total <= 0) { chosen = random.Next(count); continue; }
            double target = random.NextDouble() * total;
            chosen = count - 1;
            for (int i = 0; i < count; i++)
            {
                target -= nearest[i];
                if (target < 0) { chosen = i; break; }
            }
        }
        return centroids;
    }

    static void UpdateCentroids(float[] data, int dimensions, int[] assignment, float[] centroids, Random random)
    {
        int k = centroids.Length / dimensions;
        var sizes = new int[k];
        Array.Clear(centroids);
        for (int i = 0; i < assignment.Length; i++)
        {
            var sum = centroids.AsSpan(assignment[i] * dimensions, dimensions);
            TensorPrimitives.Add(sum, data.AsSpan(i * dimensions, dimensions), sum);
            sizes[assignment[i]]++;
        }
        for (int c = 0; c < k; c++)
        {
            var centroid = centroids.AsSpan(c * dimensions, dimensions);
            // An empty cluster restarts at a random point rather than staying a dead centroid.
            if (sizes[c] == 0) data.AsSpan(random.Next(assignment.Length) * dimensions, dimensions).CopyTo(centroid);
            else TensorPrimitives.Divide(centroid, sizes[c], centroid);
        }
    }
}
