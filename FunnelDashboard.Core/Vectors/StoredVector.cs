namespace FunnelDashboard.Core.Vectors;

/// <summary>
/// One entry of a persisted collection: a numeric id, the entity's key (user id, page), an attribute searches can
/// filter on (device type, interaction type), the embedding, and when it was computed (Unix seconds).
/// </summary>
public sealed record StoredVector(long Id, string Key, string? Attribute, float[] Embedding, long Timestamp);

/// <summary>The collections of the reference app.</summary>
public static class VectorCollections
{
    public const string UserBehavior = "user_behavior_embeddings";
    public const string PageInteraction = "page_interaction_embeddings";
}
