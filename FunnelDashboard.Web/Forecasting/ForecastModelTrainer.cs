using FunnelDashboard.Web.Jobs;

namespace FunnelDashboard.Web.Forecasting;

/// <summary>The visit forecasters as a retrainable model ("forecast"): every series, with the settings' options.</summary>
public sealed class ForecastModelTrainer(ForecastTraining training) : IModelTrainer
{
    public const string Name = "forecast";

    public string Model => Name;

    public Task TrainAsync(IJobReporter reporter, string startedBy, CancellationToken ct) =>
        Task.Run(() => training.Train(training.DefaultRequest(startedBy), reporter, ct), ct);
}
