using FunnelDashboard.Tests.Support;
using FunnelDashboard.Web.Instances;

namespace FunnelDashboard.Tests.Instances;

/// <summary>Of the instances sharing a model directory, one at a time trains a model by itself.</summary>
public sealed class TrainingClaimTests : IDisposable
{
    readonly string models = Path.Combine(TestPaths.NewTempFolder(), "models");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(models)!, recursive: true);

    [Fact]
    public void A_claim_is_refused_while_held_and_free_again_once_released()
    {
        var first = TrainingClaim.TryTake(models, "forecast");
        Assert.NotNull(first);
        Assert.Null(TrainingClaim.TryTake(models, "forecast"));
        using (var other = TrainingClaim.TryTake(models, "two_tower")) Assert.NotNull(other); // another model's claim is its own

        first.Dispose();
        using var again = TrainingClaim.TryTake(models, "forecast");
        Assert.NotNull(again);
    }
}
