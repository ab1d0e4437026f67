using FunnelDashboard.Core.Common;

namespace FunnelDashboard.Tests.Core;

public class LatencyHistogramTests
{
    [Fact]
    public void Gives_the_percentiles_of_the_values_to_a_tenth_of_a_millisecond()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 10_001).Select(_ => Math.Round(random.NextDouble() * random.NextDouble() * 2_000, 1)).ToList();
        var histogram = new LatencyHistogram();
        values.ForEach(histogram.Add);

        Assert.Equal(values.Count, histogram.Count);
        foreach (var fraction in new[] { 0, 0.5, 0.95, 0.99, 1 })
            Assert.Equal(Percentiles.Of(values, fraction), histogram.Percentile(fraction), 0.1);
    }

    [Fact]
    public void Counts_what_is_out_of_range_at_its_ends()
    {
        var histogram = new LatencyHistogram();
        Assert.Equal(0, histogram.Percentile(0.95));

        histogram.Add(-3);
        histogram.Add(12.34);
        histogram.Add(TimeSpan.FromMinutes(5).TotalMilliseconds);

        Assert.Equal(0, histogram.Percentile(0));
        Assert.Equal(12.3, histogram.Percentile(0.5), 0.01);
        Assert.Equal(LatencyHistogram.Range.TotalMilliseconds, histogram.Percentile(1));
    }
}
