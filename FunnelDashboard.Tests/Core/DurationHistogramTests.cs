using FunnelDashboard.Core.Analytics;

namespace FunnelDashboard.Tests.Core;

public class DurationHistogramTests
{
    static (double?, double?) Of(params int[] values)
    {
        var histogram = new DurationHistogram();
        foreach (var v in values) histogram.Add(v);
        return histogram.MedianAndP90();
    }

    [Fact]
    public void Median_and_p90_by_hand()
    {
        Assert.Equal((null, null), Of());
        Assert.Equal((7.0, 7.0), Of(7));
        Assert.Equal((15.0, 20.0), Of(20, 10));
        Assert.Equal((3.0, 5.0), Of(5, 1, 3, 2, 4));
        // Ten values 1..10: median 5.5, p90 the 9th value.
        Assert.Equal((5.5, 9.0), Of(10, 9, 8, 7, 6, 5, 4, 3, 2, 1));
    }

    [Fact]
    public void Long_durations_beyond_the_direct_range_are_exact()
    {
        var day = 86_400;
        Assert.Equal((day * 2.0, day * 3.0), Of(day, day * 2, day * 3));
        Assert.Equal((DurationHistogram.DirectLimit - 1 + (double)DurationHistogram.DirectLimit) / 2, Of(DurationHistogram.DirectLimit - 1, DurationHistogram.DirectLimit).Item1);
    }

    [Fact]
    public void Merging_equals_adding_everything_to_one()
    {
        var a = new DurationHistogram();
        var b = new DurationHistogram();
        foreach (var v in new[] { 1, 100_000, 50 }) a.Add(v);
        foreach (var v in new[] { 3, 7 }) b.Add(v);
        a.Add(b);
        Assert.Equal(5, a.Count);
        Assert.Equal((7.0, 100_000.0), a.MedianAndP90());
    }
}
