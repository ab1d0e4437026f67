namespace FunnelDashboard.Core.Vectors;

/// <summary>One result of a nearest-neighbour search: the stored vector's id and its score (higher is nearer).</summary>
public readonly record struct SearchHit(long Id, float Score);
