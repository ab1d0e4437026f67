namespace FunnelDashboard.Web.Jobs;

/// <summary>
/// A model the job runner can retrain (POST /models/retrain, the admin page, the schedule). Adding a model kind is one
/// class implementing this, registered with <c>services.AddSingleton&lt;IModelTrainer, TheTrainer&gt;()</c>.
/// </summary>
public interface IModelTrainer
{
    /// <summary>Its name in the API's "model" field, e.g. "forecast" or "two_tower".</summary>
    string Model { get; }

    /// <summary>Trains, registers and (when better) activates new versions; throws on failure, stops soon after <paramref name="ct"/>.</summary>
    Task TrainAsync(IJobReporter reporter, string startedBy, CancellationToken ct);
}
