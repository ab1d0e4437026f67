using FunnelDashboard.Web.Instances;
using FunnelDashboard.Web.Jobs;

namespace FunnelDashboard.Web.Forecasting;

/// <summary>
/// The visit forecasters as a retrainable model ("forecast"): every series, with the settings' options. Of the
/// instances sharing the model directory one trains by itself (<see cref="TrainingClaim"/>): a start-up or scheduled
/// run skips while another instance trains, and a start-up run also once another instance has trained every series.
/// A run someone asked for trains regardless.
/// </summary>
public sealed class ForecastModelTrainer(ForecastTraining training, ForecastService forecasts) : IModelTrainer
{
    public const string Name = "forecast";

    public string Model => Name;

    public async Task TrainAsync(IJobReporter reporter, string startedBy, CancellationToken ct)
    {
        using var claim = TrainingClaim.TryTake(forecasts.ModelDirectory, Name);
        if (startedBy is ForecastInitializer.Actor or RetrainScheduler.Actor)
        {
            if (claim is null)
            {
                Skip(reporter, $"another instance sharing {forecasts.ModelDirectory} is training the forecast models; this one serves them once they are activated.");
                return;
            }
            if (startedBy == ForecastInitializer.Actor && VisitSeries.Keys.All(key => forecasts.Registry.Active(key) is not null))
            {
                forecasts.ReloadFromRegistry();
                Skip(reporter, $"every series has a model in {forecasts.ModelDirectory} now (another instance trained them).");
                return;
            }
        }
        await Task.Run(() => training.Train(training.DefaultRequest(startedBy), reporter, ct), ct);
    }

    static void Skip(IJobReporter reporter, string why)
    {
        reporter.Log($"Not trained: {why}");
        reporter.Report(1, $"Not trained: {why}");
    }
}
