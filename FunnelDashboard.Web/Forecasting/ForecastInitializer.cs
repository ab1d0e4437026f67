using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Forecasting;

/// <summary>
/// Makes sure a new installation gets forecasts without anyone asking: when some series has no usable model and
/// <see cref="ForecastingOptions.TrainOnStart"/> is on, waits for the analytics snapshot to be ready, then trains.
/// </summary>
public sealed class ForecastInitializer(
    ForecastService forecasts,
    FunnelAnalytics analytics,
    IOptions<ForecastingOptions> options,
    ILogger<ForecastInitializer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (forecasts.HasAllModels || !options.Value.TrainOnStart) return;
        logger.LogInformation("No usable forecast model for every series in {Directory}: training once the data is loaded", forecasts.ModelDirectory);
        await analytics.WhenReadyAsync(stoppingToken);
        if (forecasts.TryStartTraining(stoppingToken) is not { } run) return; // someone else started a run
        try
        {
            await run;
        }
        catch (Exception) when (!stoppingToken.IsCancellationRequested)
        {
            // The service has logged the failure and its status tells the API why there is no forecast.
        }
    }
}
