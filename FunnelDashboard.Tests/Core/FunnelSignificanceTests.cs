using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Tests.Core;

public class FunnelSignificanceTests
{
    static FunnelStep Step(string name, long users) => new(name, users, 0, 0, 0, null, null);

    [Fact]
    public void Two_groups_get_wilson_intervals_and_the_z_test_p_value()
    {
        var funnel = new FunnelResult([Step("home", 200), Step("confirmation", 75)],
        [
            new FunnelGroup("Desktop", [Step("home", 100), Step("confirmation", 45)]),
            new FunnelGroup("Mobile", [Step("home", 100), Step("confirmation", 30)]),
        ]);

        var significance = FunnelSignificance.Of(funnel);

        Assert.Equal(["Desktop", "Mobile"], significance.Groups.Select(g => g.Value));
        Assert.Equal([0.45, 0.30], significance.Groups.Select(g => g.Rate));
        Assert.Equal(0.3561454, significance.Groups[0].Lower, 6);
        Assert.Equal(0.5475540, significance.Groups[0].Upper, 6);
        Assert.Equal(2.190890, significance.Z!.Value, 5);
        Assert.Equal(0.028460, significance.PValue!.Value, 5);
    }

    [Fact]
    public void On_a_snapshot_the_groups_come_from_the_breakdown()
    {
        var snapshot = new SnapshotFactory()
            .User(1, Device.Desktop, Sex.Male, "home@2015-01-05 10:00", "search@2015-01-05 10:01", "payment@2015-01-05 10:02", "confirmation@2015-01-05 10:03")
            .User(2, Device.Mobile, Sex.Female, "home@2015-01-05 10:00")
            .Build();
        var significance = FunnelSignificance.Of(FunnelEngine.Compute(snapshot, FunnelQuery.Default with { Breakdown = Breakdown.Sex }));

        Assert.Equal([("Male", 1L, 1L), ("Female", 1L, 0L)], significance.Groups.Select(g => (g.Value, g.Users, g.Conversions)));
        // 1/1 vs 0/1: pooled 0.5, z = 1 / sqrt(0.25 * 2) = 1.41421, p = 0.157299.
        Assert.Equal(0.157299, significance.PValue!.Value, 5);
    }
}
