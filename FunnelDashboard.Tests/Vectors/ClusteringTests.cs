using FunnelDashboard.Core.Vectors;

namespace FunnelDashboard.Tests.Vectors;

public class ClusteringTests
{
    [Fact]
    public void Silhouette_by_hand_on_two_pairs()
    {
        // 1-D points 0, 1 | 10, 11. For 0: a = 1, b = (10 + 11) / 2 = 10.5, s = 9.5 / 10.5; the others alike by symmetry
        // (for 1: a = 1, b = 9.5, s = 8.5 / 9.5).
        float[] points = [0, 1, 10, 11];

        double silhouette = KMeansClustering.Silhouette(points, 1, [0, 0, 1, 1]);

        Assert.Equal((9.5 / 10.5 + 8.5 / 9.5) / 2, silhouette, 6);
    }

    [Fact]
    public void A_point_alone_in_its_cluster_scores_zero()
    {
        // 0 | 4, 6: for 4, a = 2 and b = 4; for 6, a = 2 and b = 6.
        Assert.Equal((0 + 2.0 / 4 + 4.0 / 6) / 3, KMeansClustering.Silhouette([0, 4, 6], 1, [0, 1, 1]), 6);
    }

    [Fact]
    public void Choosing_k_finds_three_planted_groups()
    {
        // Three tight blobs of 30 points in 2-D.
        var random = new Random(3);
        (float X, float Y)[] centres = [(0, 0), (10, 0), (0, 10)];
        var points = Enumerable.Range(0, 90).SelectMany(i => new[]
        {
            centres[i / 30].X + (float)random.NextDouble(), centres[i / 30].Y + (float)random.NextDouble(),
        }).ToArray();

        var clustering = KMeansClustering.ChooseK(points, 2, maxK: 6, seed: 1);

        Assert.Equal(3, clustering.K);
        for (int blob = 0; blob < 3; blob++)
            Assert.Single(clustering.Assignment.Skip(blob * 30).Take(30).Distinct());
        Assert.Equal(3, clustering.Assignment.Distinct().Count());
    }
}
