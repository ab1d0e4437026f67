using System.Numerics.Tensors;
using FunnelDashboard.ML.Layers;
using FunnelDashboard.ML.Tensors;
using FunnelDashboard.ML.Training;

namespace FunnelDashboard.ML.Recommendation;

/// <summary>
/// A user tower and an item tower into one space; a user's score for an item is the dot product of their embeddings.
/// Trained with an in-batch sampled softmax: in a batch of (user, item) pairs each user's own item is the positive
/// and the batch's other items are the negatives.
/// </summary>
public sealed class TwoTowerModel
{
    public TwoTowerModel(int users, int items, int dimensions, Random random, Matrix? userFeatures = null, Matrix? itemFeatures = null)
    {
        UserTower = new Tower("user", users, dimensions, userFeatures, random);
        ItemTower = new Tower("item", items, dimensions, itemFeatures, random);
        Parameters = [.. UserTower.Parameters, .. ItemTower.Parameters];
    }

    public Tower UserTower { get; }
    public Tower ItemTower { get; }
    public IReadOnlyList<Parameter> Parameters { get; }
    public int Dimensions => UserTower.Dimensions;

    /// <summary>
    /// The batch's loss: softmax cross-entropy of each user over the batch's items (logits u·v − log Q(item), items
    /// equal to the user's own positive masked out as negatives), plus <paramref name="l2"/> times the mean squared
    /// length of the batch's embeddings. With <paramref name="backward"/> it accumulates the parameters' gradients.
    /// </summary>
    /// <param name="logQ">log of each item's sampling probability (all zeros: no correction).</param>
    public float BatchLoss(int[] users, int[] items, float[] logQ, float l2, bool backward)
    {
        int batch = users.Length;
        var u = UserTower.Forward(users);
        var v = ItemTower.Forward(items);
        var logits = new Matrix(batch, batch);
        Gemm.Multiply(u, false, v, true, logits);
        for (int i = 0; i < batch; i++)
        {
            var row = logits.Row(i);
            for (int j = 0; j < batch; j++)
                row[j] = j != i && items[j] == items[i] ? float.NegativeInfinity : row[j] - logQ[items[j]];
        }
        var labels = Enumerable.Range(0, batch).ToArray();
        var loss = Losses.SoftmaxCrossEntropy(logits, labels);
        float penalty = l2 * (TensorPrimitives.Dot(u.Data, u.Data) + TensorPrimitives.Dot(v.Data, v.Data)) / batch;
        if (backward)
        {
            var userGradient = new Matrix(batch, Dimensions);
            var itemGradient = new Matrix(batch, Dimensions);
            Gemm.Multiply(loss.Gradient, false, v, false, userGradient);
            Gemm.Multiply(loss.Gradient, true, u, false, itemGradient);
            float scale = 2 * l2 / batch;
            TensorPrimitives.MultiplyAdd(u.Data, scale, userGradient.Data, userGradient.Data);
            TensorPrimitives.MultiplyAdd(v.Data, scale, itemGradient.Data, itemGradient.Data);
            UserTower.Backward(userGradient);
            ItemTower.Backward(itemGradient);
        }
        return loss.Value + penalty;
    }
}
