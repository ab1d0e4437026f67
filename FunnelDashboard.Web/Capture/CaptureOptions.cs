namespace FunnelDashboard.Web.Capture;

/// <summary>The "Capture" configuration section: how much live traffic POST /api/events takes.</summary>
public sealed class CaptureOptions
{
    public const string Section = "Capture";

    /// <summary>The spec's limits per batch; past them the answer is 413.</summary>
    public const int MaxEventsPerBatch = 10_000;
    public const int MaxBodyBytes = 5 * 1024 * 1024;

    /// <summary>Events per second each API key may send (a burst of one full batch is allowed); 0 for no limit.</summary>
    public int EventsPerSecond { get; set; } = 20_000;

    /// <summary>Batches waiting for the store at most; a full queue answers 429 rather than growing.</summary>
    public int QueueBatches { get; set; } = 64;

    /// <summary>Events committed together in one transaction at most (several batches each: group commit).</summary>
    public int MaxEventsPerCommit { get; set; } = 50_000;
}
