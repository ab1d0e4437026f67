using System.ComponentModel.DataAnnotations;
using FunnelDashboard.Core.Accounts;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Capture;

/// <summary>The "Simulator" configuration section: live traffic generated inside the app, for demos and the wall.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    /// <summary>0 (the default) turns the simulator off.</summary>
    [Range(0, SimulatorService.MaxEventsPerSecond)]
    public int EventsPerSecond { get; set; }

    /// <summary>How many distinct visitors it simulates; then they come back.</summary>
    [Range(1, 100_000_000)]
    public int Users { get; set; } = 100_000;
}

/// <summary>
/// Runs the <see cref="TrafficSimulator"/> in the app, handing its events to the capture pipeline directly (no HTTP,
/// no key), so they are stored and acknowledged like any client's. It starts with the app when
/// Simulator:EventsPerSecond is set; admins start and stop it from the admin page, and each attempt is audited with
/// who made it.
/// </summary>
public sealed class SimulatorService(CapturePipeline pipeline, AuditLog audit, IOptions<SimulatorOptions> options, ILogger<SimulatorService> logger) : BackgroundService
{
    public const int MaxEventsPerSecond = 100_000;
    public const string StartAction = "simulator.start", StopAction = "simulator.stop";
    static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);
    readonly Lock gate = new();
    CancellationTokenSource? running;
    CancellationToken appStopping;

    /// <summary>Events per second while running; null when stopped.</summary>
    public int? Rate { get; private set; }

    public event Action? Changed;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        appStopping = stoppingToken;
        if (options.Value.EventsPerSecond > 0) Run(options.Value.EventsPerSecond, "settings");
        return Task.CompletedTask;
    }

    /// <summary>Starts simulating (or changes the rate of a running simulation), and audits it.</summary>
    /// <returns>Why it did not start (a rate out of range); null when it did.</returns>
    public async Task<string?> StartSimulatingAsync(int eventsPerSecond, string actor)
    {
        if (eventsPerSecond is < 1 or > MaxEventsPerSecond)
        {
            var problem = $"Events per second must be from 1 to {MaxEventsPerSecond:N0}, not {eventsPerSecond:N0}.";
            await audit.RecordAsync(actor, StartAction, "", AuditOutcome.Failure, problem);
            return problem;
        }
        Run(eventsPerSecond, actor);
        await audit.RecordAsync(actor, StartAction, "", AuditOutcome.Success, $"{eventsPerSecond:N0} events per second");
        return null;
    }

    /// <summary>Stops simulating, and audits it.</summary>
    /// <returns>Why there was nothing to stop; null when it stopped.</returns>
    public async Task<string?> StopSimulatingAsync(string actor)
    {
        bool wasRunning;
        lock (gate)
        {
            wasRunning = running is not null;
            running?.Cancel();
            running = null;
            Rate = null;
        }
        var problem = wasRunning ? null : "The simulator was not running.";
        await audit.RecordAsync(actor, StopAction, "", wasRunning ? AuditOutcome.Success : AuditOutcome.Failure, problem);
        if (!wasRunning) return problem;
        logger.LogInformation("{Actor} stopped the traffic simulator", actor);
        Changed?.Invoke();
        return null;
    }

    void Run(int eventsPerSecond, string actor)
    {
        lock (gate)
        {
            running?.Cancel();
            running = CancellationTokenSource.CreateLinkedTokenSource(appStopping);
            Rate = eventsPerSecond;
            _ = RunAsync(eventsPerSecond, running.Token);
        }
        logger.LogInformation("{Actor} started simulating {Rate} events per second from {Users:N0} visitors", actor, eventsPerSecond, options.Value.Users);
        Changed?.Invoke();
    }

    async Task RunAsync(int eventsPerSecond, CancellationToken ct)
    {
        var simulator = new TrafficSimulator(eventsPerSecond, options.Value.Users, TrafficSimulator.FreshUserIds(DateTime.UtcNow));
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
                foreach (var chunk in simulator.Next(DateTime.UtcNow).Chunk(CaptureOptions.MaxEventsPerBatch))
                {
                    var batch = new CaptureBatch($"simulator-{Guid.NewGuid():N}", chunk);
                    if (pipeline.TrySubmit(batch) is { } stored) _ = ObserveAsync(stored, batch);
                    else logger.LogWarning("The capture queue is full: {Events} simulated events dropped", chunk.Length);
                }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped, or the app is stopping.
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
