using FunnelDashboard.Core.Vectors;
using FunnelDashboard.ML.Recommendation;
using FunnelDashboard.ML.Tensors;

namespace FunnelDashboard.Tests.ML;

public class TwoTowerTests
{
    [Fact]
    public void Batch_loss_gradients_of_both_towers_match_numerical_ones()
    {
        var random = new Random(11);
        var model = new TwoTowerModel(users: 4, items: 5, dimensions: 3, random,
            userFeatures: TestData.RandomMatrix(4, 2, random), itemFeatures: TestData.RandomMatrix(5, 3, random));
        // User 1 twice, item 2 twice (masked as each other's negative), a log-Q correction and an L2 penalty.
        int[] users = [1, 0, 3, 1];
        int[] items = [2, 4, 2, 0];
        float[] logQ = [-1.2f, -2f, -0.5f, -3f, -1f];
        double Loss() => model.BatchLoss(users, items, logQ, l2: 0.3f, backward: false);

        foreach (var parameter in model.Parameters) parameter.Gradient.Clear();
        model.BatchLoss(users, items, logQ, l2: 0.3f, backward: true);

        Assert.Equal(["user.id.table", "user.features.weight", "user.features.bias", "item.id.table", "item.features.weight", "item.features.bias"],
            model.Parameters.Select(p => p.Name));
        foreach (var parameter in model.Parameters)
            GradientAssert.MatchesNumerical(parameter.Name, parameter.Value.Data, parameter.Gradient.Data, Loss);
    }

    [Fact]
    public void An_item_repeated_in_a_batch_is_not_its_own_negative()
    {
        var random = new Random(12);
        var model = new TwoTowerModel(users: 2, items: 1, dimensions: 2, random);

        // Both pairs share the one item: with it masked each row's softmax is over its positive alone.
        Assert.Equal(0f, model.BatchLoss([0, 1], [0, 0], [0f], l2: 0, backward: false), 6);
    }

    [Fact]
    public void The_same_seed_gives_the_same_embeddings_and_another_seed_different_ones()
    {
        var data = PlantedInteractions.Generate(groups: 2, usersPerGroup: 6, itemsPerGroup: 5, seed: 1);
        var options = new TwoTowerOptions { Dimensions = 4, Epochs = 3, BatchSize = 8 };

        var first = TwoTowerTrainer.Train(data, options);
        var again = TwoTowerTrainer.Train(data, options);
        var other = TwoTowerTrainer.Train(data, options with { Seed = 2 });

        Assert.Equal(first.UserEmbeddings.Data, again.UserEmbeddings.Data);
        Assert.Equal(first.ItemEmbeddings.Data, again.ItemEmbeddings.Data);
        Assert.NotEqual(first.UserEmbeddings.Data, other.UserEmbeddings.Data);
    }

    [Fact]
    public void Training_on_planted_groups_recommends_and_finds_neighbours_within_the_group()
    {
        // Three groups of 10 users; each user has seen 3 of their group's 6 items and none of the others'. So few pairs are
        // easily memorised (unseen in-group items then look like negatives): the L2 penalty makes the model generalise.
        var data = PlantedInteractions.Generate(groups: 3, usersPerGroup: 10, itemsPerGroup: 6, seed: 2);
        var trained = TwoTowerTrainer.Train(data, new TwoTowerOptions { Dimensions = 8, Epochs = 30, BatchSize = 16, LearningRate = 0.02f, L2 = 0.2f });
        var recommender = new EmbeddingRecommender(trained.UserEmbeddings, trained.ItemEmbeddings);
        var seen = data.ItemsByUser();
        int Group(int user) => user / 10;

        var userVectors = new VectorSet(Enumerable.Range(0, data.UserCount).Select(u => (long)u).ToArray(), trained.UserEmbeddings.Data, 8);
        var neighbours = new ExactIndex(userVectors, VectorMetric.Cosine);
        for (int user = 0; user < data.UserCount; user++)
        {
            // The 3 unseen items of the user's own group come first.
            Assert.All(recommender.Recommend(user, seen[user], 3), item => Assert.Equal(Group(user), item / 6));
            var nearest = neighbours.Search(trained.UserEmbeddings.Row(user), 4, id => id != user);
            Assert.All(nearest, hit => Assert.Equal(Group(user), Group((int)hit.Id)));
        }
    }

    [Fact]
    public void Options_out_of_range_are_rejected_by_name()
    {
        var data = PlantedInteractions.Generate(groups: 1, usersPerGroup: 2, itemsPerGroup: 2, seed: 3);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TwoTowerTrainer.Train(data, new TwoTowerOptions { BatchSize = 1 }));
        Assert.Equal("BatchSize", error.ParamName);
    }
}

/// <summary>Users in groups, each having seen half of their own group's items at random and nothing else.</summary>
internal static class PlantedInteractions
{
    public static Interactions Generate(int groups, int usersPerGroup, int itemsPerGroup, int seed)
    {
        var random = new Random(seed);
        var (users, items) = (new List<int>(), new List<int>());
        for (int user = 0; user < groups * usersPerGroup; user++)
        {
            int group = user / usersPerGroup;
            foreach (int item in Enumerable.Range(group * itemsPerGroup, itemsPerGroup).OrderBy(_ => random.Next()).Take(itemsPerGroup / 2))
            {
                users.Add(user);
                items.Add(item);
            }
        }
        return new Interactions(Keys(groups * usersPerGroup), Keys(groups * itemsPerGroup), users.ToArray(), items.ToArray());
    }

    static string[] Keys(int count) => Enumerable.Range(0, count).Select(i => $"{i}").ToArray();
}
