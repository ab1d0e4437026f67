using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Hosting;
using FunnelDashboard.Web.Jobs;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Forecasting;

/// <summary>
/// Makes sure a new installation gets forecasts without anyone asking: when some series has no usable model and
/// <see cref="ForecastingOptions.TrainOnStart"/> is on, waits for the analytics snapshot to be ready, then queues the
/// forecast retraining job (started by "startup").
/// </summary>
public sealed class ForecastInitializer(
    ForecastService forecasts,
    FunnelAnalytics analytics,
    Retraining retraining,
    IOptions<ForecastingOptions> options,
    ILogger<ForecastInitializer> logger) : BackgroundService
{
    public const string Actor = "startup";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (forecasts.HasAllModels || !options.Value.TrainOnStart) return;
        logger.LogInformation("No usable forecast model for every series in {Directory}: training once the data is loaded", forecasts.ModelDirectory);
        await analytics.WhenReadyAsync(stoppingToken);
        await retraining.EnqueueUnlessPendingAsync(ForecastModelTrainer.Name, Actor);
    }
}
