using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Hosting;
using FunnelDashboard.Web.Instances;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.SimilarUsers;

/// <summary>
/// At start: serves the latest good two-tower version from the vector store; when there is none and
/// <see cref="SimilarUsersOptions.TrainOnStart"/> is on, waits for the analytics snapshot, then trains one, unless
/// another instance sharing the model directory is training (<see cref="TrainingClaim"/>) or has trained one meanwhile.
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
        if (await TryLoadAsync(stoppingToken) || !options.Value.TrainOnStart) return;
        logger.LogInformation("No similar-users model in {Directory}: training once the data is loaded", similarUsers.ModelDirectory);
        await analytics.WhenReadyAsync(stoppingToken);
        using var claim = TrainingClaim.TryTake(similarUsers.ModelDirectory, SimilarUsersService.RegistryKey);
        if (claim is null)
        {
            logger.LogInformation("Not training the similar-users model: another instance sharing {Directory} is; this one serves it once stored", similarUsers.ModelDirectory);
            return;
        }
        if (await TryLoadAsync(stoppingToken)) return; // another instance trained one meanwhile
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

    async Task<bool> TryLoadAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await similarUsers.LoadAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "The similar-users model could not be loaded from {Directory} and the vector store", similarUsers.ModelDirectory);
            return false;
        }
    }
}
