using FunnelDashboard.ML.Recommendation;
using FunnelDashboard.Web.Instances;
using FunnelDashboard.Web.Jobs;

namespace FunnelDashboard.Web.SimilarUsers;

/// <summary>The similar-users model as a job: <c>POST /models/retrain {"model":"two_tower"}</c>, and part of "all".</summary>
public sealed class TwoTowerModelTrainer(SimilarUsersService similarUsers) : IModelTrainer
{
    public const string Name = "two_tower";

    public string Model => Name;

    public async Task TrainAsync(IJobReporter reporter, string startedBy, CancellationToken ct)
    {
        // No loss curve: the two-tower trainer has no per-epoch validation loss to draw beside the training loss.
        var epochs = new EpochReporter(epoch =>
            reporter.Report((double)epoch.Epoch / epoch.Epochs, $"two-tower model, epoch {epoch.Epoch} of {epoch.Epochs}, loss {epoch.Loss:F4}"));
        // Held while this runs, so an instance starting meanwhile on the same model directory does not train on start too.
        using var claim = TrainingClaim.TryTake(similarUsers.ModelDirectory, SimilarUsersService.RegistryKey);
        var run = similarUsers.TryStartTraining(epochs, ct)
                  ?? throw new InvalidOperationException("The similar-users model is already training (started at start-up or by another job).");
        var version = await run;
        reporter.Log($"two_tower v{version.Version} registered and served.");
    }

    sealed class EpochReporter(Action<TwoTowerEpoch> report) : IProgress<TwoTowerEpoch>
    {
        public void Report(TwoTowerEpoch value) => report(value);
    }
}
