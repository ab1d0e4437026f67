namespace FunnelDashboard.Core.Vectors;

/// <summary>How a query is scored against a stored vector; higher scores are nearer.</summary>
public enum VectorMetric
{
    /// <summary>The inner product, as a two-tower model scores a user against an item.</summary>
    DotProduct,

    /// <summary>The cosine of the angle: vectors are normalised once when stored, so a search is a dot product.</summary>
    Cosine,
}
