using System.Diagnostics;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Hosting;

/// <summary>
/// Gets the data ready after start, without holding up the web server: creates or migrates the schema, seeds an
/// empty store from the seed dataset (first start only), loads the analytics snapshot, then keeps it growing by what
/// is new in the store (from a CLI import or another instance) every <see cref="AnalyticsOptions.RefreshInterval"/>,
/// and at once when this app's capture or another instance (over Redis) stored new events.
/// While it works the analytics state says so, and pages show it; an unreachable store is retried until it answers.
/// </summary>
public sealed class DataInitializer(
    IEventStore store,
    DatasetImporter importer,
    FunnelAnalytics analytics,
    IOptions<SeedingOptions> seeding,
    IOptions<AnalyticsOptions> analyticsOptions,
    ILogger<DataInitializer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await PrepareUntilReadyAsync(stoppingToken);
        var interval = analyticsOptions.Value.RefreshInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            await analytics.RefreshAsync(stoppingToken);
            // Growing the snapshot copies it: however often new data comes, spend at most a fifth of the time on that.
            var rest = TimeSpan.FromTicks(Math.Min(clock.Elapsed.Ticks * 4, interval.Ticks));
            await Task.Delay(rest, stoppingToken);
            await analytics.WaitForRefreshRequestAsync(interval - rest, stoppingToken);
        }
    }

    async Task PrepareUntilReadyAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await PrepareAsync(stoppingToken);
                return;
            }
            catch (ImportException e)
            {
                // Serve whatever the store holds, but say why the seed data is missing.
                logger.LogError("The seed dataset could not be imported: {Error}", e.Message);
                analytics.ReportProblem($"The seed dataset could not be imported: {e.Message}");
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The {Provider} store is not reachable; trying again in {Delay}", store.Provider, seeding.Value.RetryDelay);
                analytics.SetUnavailable($"The {store.Provider} store is not reachable; retrying.");
                await Task.Delay(seeding.Value.RetryDelay, stoppingToken);
            }
        }
    }

    async Task PrepareAsync(CancellationToken ct)
    {
        analytics.SetPreparing("Opening the store…");
        await store.InitializeAsync(ct);
        var counts = await store.CountAsync(ct);
        logger.LogInformation("{Provider} store: {Users:N0} users, {Visits:N0} page visits, {Interactions:N0} interactions",
            store.Provider, counts.Users, counts.PageVisits, counts.Interactions);

        if (counts.Users == 0 && seeding.Value.Enabled)
        {
            var folder = Path.Combine(AppContext.BaseDirectory, seeding.Value.Folder);
            if (Directory.Exists(folder))
            {
                analytics.SetPreparing("Importing the seed dataset (first start only, about half a minute)…");
                logger.LogInformation("The store is empty: seeding it from {Folder}", folder);
                var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
                await importer.ImportAsync(folder, endingOn: seeding.Value.ShiftToToday ? yesterday : null, ct: ct);
            }
            else
                logger.LogWarning("The store is empty and the seed folder {Folder} does not exist; starting without data", folder);
        }
        analytics.SetPreparing("Loading the analytics snapshot…");
    }
}
