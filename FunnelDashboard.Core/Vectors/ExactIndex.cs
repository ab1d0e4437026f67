using System.Numerics.Tensors;

namespace FunnelDashboard.Core.Vectors;

/// <summary>Brute-force search: one SIMD dot product per stored vector. Exact; the reference for approximate indexes.</summary>
public sealed class ExactIndex : IVectorIndex
{
    readonly VectorSet set;

    public ExactIndex(VectorSet vectors, VectorMetric metric)
    {
        Metric = metric;
        set = vectors.ForMetric(metric);
    }

    public int Dimensions => set.Dimensions;
    public int Count => set.Count;
    public VectorMetric Metric { get; }

    public IReadOnlyList<SearchHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null)
    {
        var q = VectorSet.PrepareQuery(query, Dimensions, Metric);
        var top = new TopK(k);
        Scan(q, set.Vectors, set.Ids, 0, set.Count, set.Dimensions, top, filter);
        return top.ToSortedArray();
    }

    /// <summary>Scores rows [start, start + count) of a row-major block against the query into the collector.</summary>
    internal static void Scan(ReadOnlySpan<float> query, float[] vectors, long[] ids, int start, int count, int dimensions, TopK top,
        Func<long, bool>? filter)
    {
        var rows = vectors.AsSpan(start * dimensions, count * dimensions);
        for (int i = 0; i < count; i++)
        {
            long id = ids[start + i];
            if (filter is not null && !filter(id)) continue;
            float score = TensorPrimitives.Dot(query, rows.Slice(i * dimensions, dimensions));
            if (score >= top.Threshold) top.Add(id, score);
        }
    }
}
