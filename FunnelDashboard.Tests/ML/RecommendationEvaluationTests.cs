using FunnelDashboard.ML.Recommendation;
using FunnelDashboard.Tests.Support;

namespace FunnelDashboard.Tests.ML;

public sealed class RecommendationEvaluationTests : IDisposable
{
    readonly string folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    string WriteFile(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Recall_and_ndcg_by_hand()
    {
        var heldOut = new HashSet<int> { 3, 7 };

        // One of two held-out items found, at rank 2: DCG 1/log2(3), ideal 1 + 1/log2(3).
        Assert.Equal(0.5, RankingMetrics.Recall([5, 3, 9], heldOut));
        Assert.Equal((1 / Math.Log2(3)) / (1 + 1 / Math.Log2(3)), RankingMetrics.Ndcg([5, 3, 9], heldOut, 10), 12);
        Assert.Equal(1.0, RankingMetrics.Ndcg([7, 3], heldOut, 10));
    }

    [Fact]
    public void Popularity_recommends_the_most_frequent_unseen_items()
    {
        // Item b three times, c twice, a once; user u2 has seen b.
        var path = WriteFile("pop.csv", "user_id,item_id\nu1,a\nu1,b\nu2,b\nu3,b\nu3,c\nu4,c\n");
        var data = InteractionFile.Read(path, InteractionFormat.Csv);
        var popularity = new PopularityRecommender(data);
        var seen = data.ItemsByUser();
        int Item(string key) => data.ItemKeys.ToList().IndexOf(key);

        Assert.Equal([Item("c"), Item("a")], popularity.Recommend(data.UserKeys.ToList().IndexOf("u2"), seen[1], 10));
    }

    [Fact]
    public void MovieLens_rows_are_read_and_repeated_pairs_count_once()
    {
        var path = WriteFile("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n196\t242\t5\t881250950\n196\t377\t1\t878887116\n");

        var data = InteractionFile.Read(path, InteractionFormat.MovieLens);

        Assert.Equal(3, data.Count);
        Assert.Equal(["196", "186"], data.UserKeys);
        Assert.Equal(["242", "302", "377"], data.ItemKeys);
        Assert.Equal([0, 1, 0], data.Users);
        Assert.Equal([0, 1, 2], data.Items);
    }

    [Fact]
    public void A_malformed_row_names_the_file_and_line()
    {
        var path = WriteFile("bad.csv", "user_id,item_id\n1,2\n3\n");

        var error = Assert.Throws<FormatException>(() => InteractionFile.Read(path, InteractionFormat.Csv));
        Assert.Contains($"{path}, line 3", error.Message);
    }

    [Fact]
    public void The_split_holds_out_a_fifth_disjointly_and_depends_only_on_the_seed()
    {
        var pairs = Enumerable.Range(0, 100).Select(i => (User: i % 7, Item: i)).ToArray();
        var all = new Interactions(Enumerable.Range(0, 7).Select(i => $"{i}").ToArray(), Enumerable.Range(0, 100).Select(i => $"{i}").ToArray(),
            pairs.Select(p => p.User).ToArray(), pairs.Select(p => p.Item).ToArray());

        var (training, test) = TwoTowerEvaluation.Split(all, seed: 4);
        var (_, sameTest) = TwoTowerEvaluation.Split(all, seed: 4);

        Assert.Equal(80, training.Count);
        Assert.Equal(20, test.Count);
        Assert.Empty(training.Items.Intersect(test.Items));
        Assert.Equal(test.Items, sameTest.Items);
        Assert.NotEqual(test.Items, TwoTowerEvaluation.Split(all, seed: 5).Test.Items);
    }
}
