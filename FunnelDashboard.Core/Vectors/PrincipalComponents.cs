using System.Numerics.Tensors;

namespace FunnelDashboard.Core.Vectors;

/// <summary>
/// The leading principal components of a set of vectors (power iteration on the covariance, deflated after each
/// component), for drawing embeddings in two dimensions. Seeded, so the same vectors give the same picture.
/// </summary>
public sealed class PrincipalComponents
{
    readonly float[] mean;
    readonly float[][] axes;

    PrincipalComponents(float[] mean, float[][] axes, double[] variances)
    {
        this.mean = mean;
        this.axes = axes;
        Variances = variances;
    }

    /// <summary>The variance along each component, largest first.</summary>
    public IReadOnlyList<double> Variances { get; }

    public static PrincipalComponents Fit(VectorSet vectors, int components = 2, int seed = 1, int iterations = 100)
    {
        int d = vectors.Dimensions, n = vectors.Count;
        if (n == 0) throw new ArgumentException("Principal components need at least one vector.", nameof(vectors));
        components = Math.Min(components, d);
        var mean = new float[d];
        for (int i = 0; i < n; i++) TensorPrimitives.Add(mean, vectors.Row(i), mean);
        TensorPrimitives.Divide(mean, n, mean);

        var covariance = new double[d * d];
        var centred = new float[d];
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.Subtract(vectors.Row(i), mean, centred);
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++) covariance[a * d + b] += centred[a] * centred[b];
        }
        for (int i = 0; i < covariance.Length; i++) covariance[i] /= n;

        var random = new Random(seed);
        var axes = new float[components][];
        var variances = new double[components];
        for (int c = 0; c < components; c++)
        {
            var v = Enumerable.Range(0, d).Select(_ => random.NextDouble() - 0.5).ToArray();
            double start = Math.Sqrt(v.Sum(x => x * x));
            v = v.Select(x => x / start).ToArray();
            double eigenvalue = 0;
            for (int iteration = 0; iteration < iterations; iteration++)
            {
                var next = new double[d];
                for (int a = 0; a < d; a++)
                    for (int b = 0; b < d; b++) next[a] += covariance[a * d + b] * v[b];
                double norm = Math.Sqrt(next.Sum(x => x * x));
                if (norm == 0) break; // nothing left to explain: the rest of the axes stay zero
                eigenvalue = norm;
                v = next.Select(x => x / norm).ToArray();
            }
            axes[c] = v.Select(x => (float)x).ToArray();
            variances[c] = eigenvalue;
            // Deflate: remove this component's variance so the next iteration finds the next one.
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++) covariance[a * d + b] -= eigenvalue * v[a] * v[b];
        }
        return new PrincipalComponents(mean, axes, variances);
    }

    /// <summary>The vector's coordinates along the components.</summary>
    public float[] Project(ReadOnlySpan<float> vector)
    {
        var centred = new float[mean.Length];
        TensorPrimitives.Subtract(vector, mean, centred);
        return axes.Select(axis => TensorPrimitives.Dot(centred, axis)).ToArray();
    }
}
