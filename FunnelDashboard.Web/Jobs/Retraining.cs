namespace FunnelDashboard.Web.Jobs;

/// <summary>
/// Queues retraining jobs: one model by name (<see cref="IModelTrainer.Model"/>) or "all" of them in turn, as the
/// API, the admin page and the schedules ask.
/// </summary>
public sealed class Retraining(JobRunner runner, IEnumerable<IModelTrainer> trainers)
{
    public const string All = "all";
    readonly IReadOnlyList<IModelTrainer> trainers = trainers.ToList();

    /// <summary>The names the API's "model" field accepts.</summary>
    public IReadOnlyList<string> Models => [.. trainers.Select(t => t.Model), All];

    public static string KindOf(string model) => $"retrain-{model}";

    public bool IsKnown(string model) => Models.Contains(model);

    /// <exception cref="ArgumentException">No such model.</exception>
    public Task<JobSnapshot> EnqueueAsync(string model, string startedBy)
    {
        if (!IsKnown(model)) throw new ArgumentException($"Unknown model '{model}'. Known models: {string.Join(", ", Models)}.", nameof(model));
        var chosen = model == All ? trainers : trainers.Where(t => t.Model == model).ToList();
        return runner.EnqueueAsync(KindOf(model), startedBy, async (reporter, ct) =>
        {
            foreach (var (index, trainer) in chosen.Index())
            {
                if (chosen.Count > 1) reporter.Log($"Retraining {trainer.Model} ({index + 1} of {chosen.Count}).");
                await trainer.TrainAsync(chosen.Count > 1 ? new JobPart(reporter, index, chosen.Count) : reporter, startedBy, ct);
            }
        });
    }

    /// <summary>Queues a retraining unless one of the same model is already waiting or running; null when it is.</summary>
    public async Task<JobSnapshot?> EnqueueUnlessPendingAsync(string model, string startedBy) =>
        runner.IsPending(KindOf(model)) ? null : await EnqueueAsync(model, startedBy);
}
