using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.SimilarUsers;

/// <summary>
/// At start: serves the latest good two-tower version from the vector store; when there is none and
/// <see cref="SimilarUsersOptions.TrainOnStart"/> is on, waits for the analytics snapshot, then trains one.
/// </summary>
public sealed class SimilarUsersInitializer(
    SimilarUsersService similarUsers,
    FunnelAnalytics analytics,
    IOptions<SimilarUsersOptions> options,
    ILogger<SimilarUsersInitializer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // off the host's start-up path
        try
        {
            if (await similarUsers.LoadAsync(stoppingToken)) return;
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "The similar-users model could not be loaded from {Directory} and the vector store", similarUsers.ModelDirectory);
        }
        if (!options.Value.TrainOnStart) return;
        logger.LogInformation("No similar-users model in {Directory}: training once the data is loaded", similarUsers.ModelDirectory);
        await analytics.WhenReadyAsync(stoppingToken);
        if (similarUsers.TryStartTraining(ct: stoppingToken) is not { } run) return; // someone else started a run
        try
        {
            await run;
        }
        catch (Exception) when (!stoppingToken.IsCancellationRequested)
        {
            // The service has logged the failure and its status tells the API and the page why there is no model.
        }
    }
}
