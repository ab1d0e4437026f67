using System.Globalization;

namespace FunnelDashboard.ML.Recommendation;

/// <summary>recall@k and NDCG@k averaged over the users that have held-out items.</summary>
public readonly record struct RankingQuality(double Recall, double Ndcg, int Users);

/// <summary>
/// The offline protocol: a seeded random 80/20 split of the interactions, training on the 80 %, and each user's top
/// 10 items not seen in training scored against that user's held-out 20 %.
/// </summary>
public static class TwoTowerEvaluation
{
    public const int K = 10;

    /// <summary>Positions of the held-out pairs: a seeded shuffle's first fifth.</summary>
    public static (Interactions Training, Interactions Test) Split(Interactions all, int seed)
    {
        var order = Enumerable.Range(0, all.Count).ToArray();
        new Random(seed).Shuffle(order);
        int test = all.Count / 5;
        return (all.Subset(order[test..]), all.Subset(order[..test]));
    }

    public static RankingQuality Evaluate(Recommender recommender, Interactions training, Interactions test)
    {
        var seen = training.ItemsByUser();
        var heldOut = test.ItemsByUser();
        var users = Enumerable.Range(0, test.UserCount).Where(u => heldOut[u].Count > 0).ToArray();
        // Users are independent, so they are scored in parallel; the averages do not depend on the order.
        var recalls = new double[users.Length];
        var ndcgs = new double[users.Length];
        Parallel.For(0, users.Length, i =>
        {
            var top = recommender.Recommend(users[i], seen[users[i]], K);
            recalls[i] = RankingMetrics.Recall(top, heldOut[users[i]]);
            ndcgs[i] = RankingMetrics.Ndcg(top, heldOut[users[i]], K);
        });
        return new RankingQuality(recalls.Average(), ndcgs.Average(), users.Length);
    }

    /// <summary>The <c>eval-two-tower</c> verb: reads, splits, trains, prints both models' quality.</summary>
    public static void Run(string path, InteractionFormat format, TwoTowerOptions options, TextWriter output, CancellationToken ct = default)
    {
        var all = InteractionFile.Read(path, format);
        var (training, test) = Split(all, options.Seed);
        Write(output, $"{path}: {all.Count:N0} interactions, {all.UserCount:N0} users, {all.ItemCount:N0} items; random 80/20 split (seed {options.Seed}): {training.Count:N0} to train on, {test.Count:N0} held out");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var trained = TwoTowerTrainer.Train(training, options, cancellationToken: ct);
        Write(output, $"two-tower: dim {options.Dimensions}, {options.Epochs} epochs, batch {options.BatchSize}, lr {options.LearningRate}, l2 {options.L2}, log-Q {(options.LogQCorrection ? "on" : "off")}; trained in {clock.Elapsed.TotalSeconds:F1} s, final loss {trained.EpochLosses[^1]:F4}");
        var models = new (string Name, Recommender Recommender)[]
        {
            ("two_tower", new EmbeddingRecommender(trained.UserEmbeddings, trained.ItemEmbeddings)),
            ("popularity", new PopularityRecommender(training)),
        };
        foreach (var (name, recommender) in models)
        {
            var quality = Evaluate(recommender, training, test);
            Write(output, $"model={name} recall@{K}={quality.Recall:F4} ndcg@{K}={quality.Ndcg:F4}");
        }
    }

    static void Write(TextWriter output, FormattableString line) => output.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
