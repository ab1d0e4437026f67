using FunnelDashboard.Core.Vectors;

namespace FunnelDashboard.Tests.Vectors;

public class KMeansTests
{
    [Fact]
    public void Two_obvious_groups_give_their_means()
    {
        // Three points around (0,0) and three around (10,10).
        float[] points = [0, 0, 1, 0, 0, 1, 10, 10, 11, 10, 10, 11];

        var centroids = KMeans.Fit(points, 2, k: 2, iterations: 10, seed: 1);

        var rows = new[] { (centroids[0], centroids[1]), (centroids[2], centroids[3]) }.Order().ToArray();
        Assert.Equal(1f / 3, rows[0].Item1, 5);
        Assert.Equal(1f / 3, rows[0].Item2, 5);
        Assert.Equal(31f / 3, rows[1].Item1, 5);
        Assert.Equal(31f / 3, rows[1].Item2, 5);
    }

    [Fact]
    public void The_same_seed_gives_the_same_centroids()
    {
        var data = ClusteredVectors.Generate(1_000, 8, clusters: 7, spread: 1f, seed: 2).Vectors;

        Assert.Equal(KMeans.Fit(data, 8, 7, 10, seed: 5), KMeans.Fit(data, 8, 7, 10, seed: 5));
    }
}
