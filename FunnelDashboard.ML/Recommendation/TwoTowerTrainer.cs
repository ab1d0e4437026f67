using FunnelDashboard.ML.Layers;
using FunnelDashboard.ML.Tensors;
using FunnelDashboard.ML.Training;

namespace FunnelDashboard.ML.Recommendation;

/// <summary>One finished epoch: its number (from 1), the run's epochs, and the epoch's mean loss.</summary>
public readonly record struct TwoTowerEpoch(int Epoch, int Epochs, float Loss);

/// <summary>The result of training: the model, its embeddings, and the mean loss of each epoch.</summary>
public sealed record TwoTowerTrainingResult(TwoTowerModel Model, Matrix UserEmbeddings, Matrix ItemEmbeddings, IReadOnlyList<float> EpochLosses);

/// <summary>Trains a <see cref="TwoTowerModel"/> on interactions with Adam; the same data, options and seed give the same model.</summary>
public static class TwoTowerTrainer
{
    public static TwoTowerTrainingResult Train(Interactions interactions, TwoTowerOptions options, Matrix? userFeatures = null,
        Matrix? itemFeatures = null, IProgress<TwoTowerEpoch>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (interactions.Count < 2) throw new ArgumentException("At least two interactions are needed to train on.", nameof(interactions));
        var random = new Random(options.Seed);
        var model = new TwoTowerModel(interactions.UserCount, interactions.ItemCount, options.Dimensions, random, userFeatures, itemFeatures);
        var adam = new Adam(model.Parameters, options.LearningRate);
        var logQ = LogSamplingProbabilities(interactions, options.LogQCorrection);
        Parameter[] tables = options.LazyIdUpdates ? [model.UserTower.Ids.Table, model.ItemTower.Ids.Table] : [];

        int batchSize = Math.Min(options.BatchSize, interactions.Count);
        var order = Enumerable.Range(0, interactions.Count).ToArray();
        var losses = new List<float>();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double sum = 0;
            int batches = 0;
            // A last partial batch would have fewer negatives; it is left out (its pairs come again after the next shuffle).
            for (int start = 0; start + batchSize <= order.Length; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var positions = order.AsSpan(start, batchSize);
                var users = new int[batchSize];
                var items = new int[batchSize];
                for (int i = 0; i < batchSize; i++) (users[i], items[i]) = (interactions.Users[positions[i]], interactions.Items[positions[i]]);
                adam.ZeroGradients(except: tables);
                sum += model.BatchLoss(users, items, logQ, options.L2, backward: true);
                adam.Step(tables.Length == 0 ? null : new Dictionary<Parameter, int[]>
                {
                    [tables[0]] = users.Distinct().ToArray(),
                    [tables[1]] = items.Distinct().ToArray(),
                });
                batches++;
            }
            losses.Add((float)(sum / batches));
            progress?.Report(new TwoTowerEpoch(epoch + 1, options.Epochs, losses[^1]));
        }
        return new TwoTowerTrainingResult(model, model.UserTower.EmbedAll(), model.ItemTower.EmbedAll(), losses);
    }

    /// <summary>log of each item's share of the interactions (zeros without correction); unseen items get the rarest share.</summary>
    static float[] LogSamplingProbabilities(Interactions interactions, bool correct)
    {
        var logQ = new float[interactions.ItemCount];
        if (!correct) return logQ;
        var counts = interactions.ItemCounts();
        for (int i = 0; i < logQ.Length; i++) logQ[i] = MathF.Log(Math.Max(counts[i], 1) / (float)interactions.Count);
        return logQ;
    }
}
