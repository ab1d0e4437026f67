using FunnelDashboard.Core.Analytics;
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
        await WhenDataReadyAsync(stoppingToken);
        retraining.EnqueueUnlessPending(ForecastModelTrainer.Name, Actor);
    }

    async Task WhenDataReadyAsync(CancellationToken ct)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task OnChanged()
        {
            if (analytics.Current.State == AnalyticsState.Ready) ready.TrySetResult();
            return Task.CompletedTask;
        }
        using var subscription = analytics.Subscribe(OnChanged, TimeSpan.Zero);
        await OnChanged(); // it may be ready already
        await ready.Task.WaitAsync(ct);
    }
}
