using System.Numerics.Tensors;

namespace FunnelDashboard.Core.Vectors;

/// <summary>
/// Vectors of one dimension with their ids, stored row after row in one contiguous array so that a scan streams
/// through memory and every row is a ready span for the SIMD kernels.
/// </summary>
public sealed class VectorSet
{
    public VectorSet(long[] ids, float[] vectors, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (vectors.Length != (long)ids.Length * dimensions)
            throw new ArgumentException($"{ids.Length} ids of {dimensions} dimensions need {(long)ids.Length * dimensions} values, got {vectors.Length}.", nameof(vectors));
        Ids = ids;
        Vectors = vectors;
        Dimensions = dimensions;
    }

    public long[] Ids { get; }
    public float[] Vectors { get; }
    public int Dimensions { get; }
    public int Count => Ids.Length;

    public ReadOnlySpan<float> Row(int index) => Vectors.AsSpan(index * Dimensions, Dimensions);

    /// <summary>The vectors as the metric compares them: a unit-length copy for cosine, the same set otherwise.</summary>
    public VectorSet ForMetric(VectorMetric metric)
    {
        if (metric == VectorMetric.DotProduct) return this;
        var unit = new float[Vectors.Length];
        for (int i = 0; i < Count; i++)
            Normalize(Row(i), unit.AsSpan(i * Dimensions, Dimensions));
        return new VectorSet(Ids, unit, Dimensions);
    }

    /// <summary>The query as the metric compares it, checked against the set's dimension.</summary>
    internal static ReadOnlySpan<float> PrepareQuery(ReadOnlySpan<float> query, int dimensions, VectorMetric metric)
    {
        if (query.Length != dimensions)
            throw new ArgumentException($"The query has {query.Length} dimensions; the index has {dimensions}.", nameof(query));
        if (metric == VectorMetric.DotProduct) return query;
        var unit = new float[query.Length];
        Normalize(query, unit);
        return unit;
    }

    /// <summary>Scales to unit length; a zero vector stays zero (it is then equally far from everything).</summary>
    static void Normalize(ReadOnlySpan<float> source, Span<float> destination)
    {
        float norm = TensorPrimitives.Norm(source);
        if (norm > 0) TensorPrimitives.Divide(source, norm, destination);
        else destination.Clear();
    }
}
