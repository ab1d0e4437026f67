using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Capture;

/// <summary>The "Simulator" configuration section: live traffic generated inside the app, for demos and the wall.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    /// <summary>0 (the default) turns the simulator off.</summary>
    public int EventsPerSecond { get; set; }

    /// <summary>How many distinct visitors it simulates; then they come back.</summary>
    public int Users { get; set; } = 100_000;
}

/// <summary>
/// Runs the <see cref="TrafficSimulator"/> in the app when Simulator:EventsPerSecond is set, handing its events to the
/// capture pipeline directly (no HTTP, no key), so they are stored and acknowledged like any client's.
/// </summary>
public sealed class SimulatorService(CapturePipeline pipeline, IOptions<SimulatorOptions> options, ILogger<SimulatorService> logger) : BackgroundService
{
    static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.EventsPerSecond <= 0) return;
        logger.LogInformation("Simulating {Rate} events per second from {Users:N0} visitors", options.Value.EventsPerSecond, options.Value.Users);
        var simulator = new TrafficSimulator(options.Value.EventsPerSecond, options.Value.Users, TrafficSimulator.FreshUserIds(DateTime.UtcNow));
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                foreach (var chunk in simulator.Next(DateTime.UtcNow).Chunk(CaptureOptions.MaxEventsPerBatch))
                {
                    var batch = new CaptureBatch($"simulator-{Guid.NewGuid():N}", chunk);
                    if (pipeline.TrySubmit(batch) is { } stored) _ = ObserveAsync(stored, batch);
                    else logger.LogWarning("The capture queue is full: {Events} simulated events dropped", chunk.Length);
                }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }

    async Task ObserveAsync(Task<bool> stored, CaptureBatch batch)
    {
        try
        {
            await stored;
        }
        catch (Exception e)
        {
            logger.LogWarning("{Events} simulated events were not stored: {Error}", batch.Events.Count, e.Message);
        }
    }
}
