namespace FunnelDashboard.ML.Recommendation;

/// <summary>Top-k ranking quality of one user's recommendations against the items held out for them.</summary>
public static class RankingMetrics
{
    /// <summary>The share of the held-out items that are among the recommendations.</summary>
    public static double Recall(IReadOnlyList<int> recommended, IReadOnlySet<int> heldOut) =>
        heldOut.Count == 0 ? 0 : (double)recommended.Count(heldOut.Contains) / heldOut.Count;

    /// <summary>DCG with binary relevance (1/log2(rank + 1)) over the ideal DCG of min(k, held-out) hits at the top.</summary>
    public static double Ndcg(IReadOnlyList<int> recommended, IReadOnlySet<int> heldOut, int k)
    {
        double dcg = 0, ideal = 0;
        for (int rank = 0; rank < Math.Min(k, recommended.Count); rank++)
            if (heldOut.Contains(recommended[rank])) dcg += 1 / Math.Log2(rank + 2);
        for (int rank = 0; rank < Math.Min(k, heldOut.Count); rank++) ideal += 1 / Math.Log2(rank + 2);
        return ideal == 0 ? 0 : dcg / ideal;
    }
}
