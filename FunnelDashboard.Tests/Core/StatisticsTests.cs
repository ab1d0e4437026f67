using FunnelDashboard.Core.Analytics;

namespace FunnelDashboard.Tests.Core;

public class StatisticsTests
{
    [Theory]
    // Known 95 % Wilson intervals: 45/100 -> [0.3561, 0.5476]; 0/10 -> [0, 0.2775]; 1/2 -> [0.0945, 0.9055].
    [InlineData(45, 100, 0.3561454, 0.5475540)]
    [InlineData(0, 10, 0.0, 0.2775328)]
    [InlineData(1, 2, 0.0945312, 0.9054688)]
    public void Wilson_intervals_match_known_values(long successes, long trials, double lower, double upper)
    {
        var interval = Statistics.Wilson(successes, trials);
        Assert.Equal(lower, interval.Lower, 6);
        Assert.Equal(upper, interval.Upper, 6);
    }

    [Fact]
    public void Without_trials_the_interval_is_uninformative()
    {
        Assert.Equal((0.0, 1.0), Statistics.Wilson(0, 0));
    }

    [Fact]
    public void Two_proportion_test_matches_the_chi_square_test()
    {
        // 45/100 vs 30/100: pooled 0.375, z = 0.15 / sqrt(0.375 * 0.625 * 0.02) = 2.19089; chi-square 4.8 on 1 df, p = 0.028460.
        var (z, p) = Statistics.TwoProportionTest(45, 100, 30, 100)!.Value;
        Assert.Equal(2.190890, z, 5);
        Assert.Equal(0.028460, p, 5);
    }

    [Fact]
    public void Identical_groups_give_p_one_and_degenerate_ones_no_test()
    {
        Assert.Equal(1.0, Statistics.TwoProportionTest(10, 50, 20, 100)!.Value.PValue, 6);
        Assert.Null(Statistics.TwoProportionTest(0, 50, 0, 100)); // nobody converted: no variance
        Assert.Null(Statistics.TwoProportionTest(1, 0, 1, 10));
    }

    [Fact]
    public void Erfc_is_precise()
    {
        Assert.Equal(0.1572992071, Statistics.Erfc(1), 7);
        Assert.Equal(1.8427007929, Statistics.Erfc(-1), 7);
        Assert.Equal(1.0, Statistics.Erfc(0), 7);
    }
}
