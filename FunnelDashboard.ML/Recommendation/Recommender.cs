using System.Numerics.Tensors;
using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.ML.Recommendation;

/// <summary>Ranks items for a user, leaving out what the user has already seen.</summary>
public abstract class Recommender
{
    /// <summary>The k best unseen items, best first (ties by item number).</summary>
    public int[] Recommend(int user, IReadOnlySet<int> seen, int k)
    {
        var scores = Scores(user);
        return Enumerable.Range(0, scores.Length).Where(item => !seen.Contains(item))
            .OrderByDescending(item => scores[item]).ThenBy(item => item).Take(k).ToArray();
    }

    protected abstract float[] Scores(int user);
}

/// <summary>The same ranking for everyone: items by how often they occur in training.</summary>
public sealed class PopularityRecommender(Interactions training) : Recommender
{
    readonly float[] counts = training.ItemCounts().Select(c => (float)c).ToArray();

    protected override float[] Scores(int user) => counts;
}

/// <summary>Items by the dot product of their embedding with the user's.</summary>
public sealed class EmbeddingRecommender(Matrix userEmbeddings, Matrix itemEmbeddings) : Recommender
{
    protected override float[] Scores(int user)
    {
        var scores = new float[itemEmbeddings.Rows];
        var u = userEmbeddings.Row(user);
        for (int item = 0; item < scores.Length; item++) scores[item] = TensorPrimitives.Dot(u, itemEmbeddings.Row(item));
        return scores;
    }
}
