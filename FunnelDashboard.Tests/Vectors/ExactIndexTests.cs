using FunnelDashboard.Core.Vectors;

namespace FunnelDashboard.Tests.Vectors;

public class ExactIndexTests
{
    // Five 2-D vectors with ids 10..14: east, north-east (long), north, west, east (short).
    static readonly VectorSet Compass = new([10, 11, 12, 13, 14], [1, 0, 3, 3, 0, 1, -1, 0, 0.5f, 0], 2);

    [Fact]
    public void Dot_product_ranks_by_inner_product_best_first()
    {
        var hits = new ExactIndex(Compass, VectorMetric.DotProduct).Search([1, 0], 3);

        // Scores x: 1, 3, 0, -1, 0.5 -> 11 (3), 10 (1), 14 (0.5).
        Assert.Equal([new SearchHit(11, 3), new SearchHit(10, 1), new SearchHit(14, 0.5f)], hits);
    }

    [Fact]
    public void Cosine_ignores_length_and_breaks_ties_by_id()
    {
        var hits = new ExactIndex(Compass, VectorMetric.Cosine).Search([2, 0], 3);

        // East (10) and short east (14) both have cosine 1; north-east has 1/sqrt 2.
        Assert.Equal([10L, 14L, 11L], hits.Select(h => h.Id));
        Assert.Equal(1f, hits[0].Score, 5);
        Assert.Equal(1f, hits[1].Score, 5);
        Assert.Equal(MathF.Sqrt(0.5f), hits[2].Score, 5);
    }

    [Fact]
    public void A_filter_keeps_only_accepted_ids()
    {
        var hits = new ExactIndex(Compass, VectorMetric.DotProduct).Search([1, 0], 2, id => id is 12 or 13);

        Assert.Equal([12L, 13L], hits.Select(h => h.Id));
    }

    [Fact]
    public void Asking_for_more_than_stored_returns_all_sorted()
    {
        var hits = new ExactIndex(Compass, VectorMetric.DotProduct).Search([0, 1], 50);

        // Scores y: 0, 3, 1, 0, 0 -> 11, 12, then 10, 13, 14 tied at 0 by id.
        Assert.Equal([11L, 12L, 10L, 13L, 14L], hits.Select(h => h.Id));
    }

    [Fact]
    public void A_query_of_the_wrong_dimension_is_rejected_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new ExactIndex(Compass, VectorMetric.Cosine).Search([1, 0, 0], 1));
        Assert.Equal("query", error.ParamName);
    }

    [Fact]
    public void A_set_whose_values_do_not_fill_its_rows_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new VectorSet([1, 2], [1, 2, 3], 2));
        Assert.Equal("vectors", error.ParamName);
    }
}
