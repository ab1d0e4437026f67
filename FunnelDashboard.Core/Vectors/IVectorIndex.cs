namespace FunnelDashboard.Core.Vectors;

/// <summary>A nearest-neighbour index over a <see cref="VectorSet"/>.</summary>
public interface IVectorIndex
{
    int Dimensions { get; }
    int Count { get; }
    VectorMetric Metric { get; }

    /// <summary>
    /// The k best-scoring stored vectors, best first (ties by ascending id). With a filter, only ids it accepts are
    /// considered; fewer than k come back when fewer match (or, for an approximate index, fewer are in the probed part).
    /// </summary>
    IReadOnlyList<SearchHit> Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null);
}
