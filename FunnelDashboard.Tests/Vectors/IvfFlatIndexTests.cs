using FunnelDashboard.Core.Vectors;

namespace FunnelDashboard.Tests.Vectors;

public class IvfFlatIndexTests
{
    static double RecallAt10(IVectorIndex exact, IvfFlatIndex ivf, VectorSet queries, int nprobe) =>
        Enumerable.Range(0, queries.Count).Average(i =>
        {
            var truth = exact.Search(queries.Row(i), 10).Select(h => h.Id);
            var found = ivf.Search(queries.Row(i), 10, nprobe).Select(h => h.Id);
            return truth.Intersect(found).Count() / 10.0;
        });

    [Fact]
    public void Probing_every_list_gives_exactly_the_exact_result()
    {
        var data = ClusteredVectors.Generate(2_000, 16, clusters: 20, spread: 1f, seed: 3);
        var queries = ClusteredVectors.Generate(20, 16, clusters: 20, spread: 1f, seed: 3, firstId: 2_000);
        var exact = new ExactIndex(data, VectorMetric.DotProduct);
        var ivf = IvfFlatIndex.Build(data, VectorMetric.DotProduct, nlist: 16, seed: 1);

        for (int i = 0; i < queries.Count; i++)
            Assert.Equal(exact.Search(queries.Row(i), 10), ivf.Search(queries.Row(i), 10, nprobe: 16));
    }

    [Fact]
    public void Recall_against_exact_search_is_high_on_clustered_data_and_grows_with_nprobe()
    {
        var data = ClusteredVectors.Generate(10_000, 32, clusters: 50, spread: 1f, seed: 4);
        var queries = ClusteredVectors.Generate(50, 32, clusters: 50, spread: 1f, seed: 4, firstId: 10_000);
        var exact = new ExactIndex(data, VectorMetric.Cosine);
        var ivf = IvfFlatIndex.Build(data, VectorMetric.Cosine, nlist: 100, seed: 1);

        double one = RecallAt10(exact, ivf, queries, 1), ten = RecallAt10(exact, ivf, queries, 10);

        Assert.True(ten >= 0.95, $"recall@10 with nprobe 10 of 100 lists: {ten}");
        Assert.True(one < ten, $"recall@10 with nprobe 1 ({one}) should be below nprobe 10 ({ten})");
    }

    [Fact]
    public void Recall_on_uniform_random_data_is_still_the_probed_share_or_better()
    {
        // No structure to exploit: a quarter of the lists should hold about a quarter of the true neighbours at least.
        var random = new Random(5);
        var vectors = Enumerable.Range(0, 4_000 * 8).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var data = new VectorSet(Enumerable.Range(0, 4_000).Select(i => (long)i).ToArray(), vectors, 8);
        var queries = new VectorSet(Enumerable.Range(0, 30).Select(i => (long)i).ToArray(), vectors[..(30 * 8)], 8);
        var ivf = IvfFlatIndex.Build(data, VectorMetric.Cosine, nlist: 40, seed: 2);

        Assert.True(RecallAt10(new ExactIndex(data, VectorMetric.Cosine), ivf, queries, nprobe: 10) >= 0.25);
    }

    [Fact]
    public void A_filter_applies_inside_the_probed_lists()
    {
        var data = ClusteredVectors.Generate(3_000, 8, clusters: 10, spread: 0.5f, seed: 6);
        var ivf = IvfFlatIndex.Build(data, VectorMetric.Cosine, nlist: 10, seed: 1);
        var exact = new ExactIndex(data, VectorMetric.Cosine);
        bool Even(long id) => id % 2 == 0;

        var hits = ivf.Search(data.Row(7), 10, nprobe: 10, Even);

        Assert.Equal(exact.Search(data.Row(7), 10, Even), hits);
        Assert.All(hits, h => Assert.True(Even(h.Id)));
    }

    [Fact]
    public void Every_vector_lands_in_exactly_one_list()
    {
        var data = ClusteredVectors.Generate(500, 4, clusters: 5, spread: 1f, seed: 7);
        var ivf = IvfFlatIndex.Build(data, VectorMetric.DotProduct, nlist: 8, seed: 1);

        var all = ivf.Search(data.Row(0), 500, nprobe: 8);

        Assert.Equal(data.Ids.Order(), all.Select(h => h.Id).Order());
    }

    [Fact]
    public void More_lists_than_vectors_is_rejected_by_name()
    {
        var data = ClusteredVectors.Generate(5, 4, clusters: 1, spread: 1f, seed: 8);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => IvfFlatIndex.Build(data, VectorMetric.Cosine, nlist: 6));
        Assert.Equal("nlist", error.ParamName);
    }
}
