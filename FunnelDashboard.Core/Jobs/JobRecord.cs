namespace FunnelDashboard.Core.Jobs;

/// <summary>Where a job is: waiting its turn, running, or ended one of three ways.</summary>
public enum JobState { Queued, Running, Succeeded, Failed, Cancelled }

/// <summary>One background job as its history keeps it (see <see cref="JobStore"/>).</summary>
/// <param name="Kind">What it does, e.g. "retrain-forecast", "import", "refresh-analytics".</param>
/// <param name="StartedBy">Who asked for it: a user, an API key's name, "schedule" or "startup".</param>
/// <param name="Progress">Share done, from 0 to 1.</param>
/// <param name="Message">What it is doing now, or how it ended.</param>
/// <param name="Log">Its log lines, oldest first.</param>
public sealed record JobRecord(
    string Id,
    string Kind,
    string StartedBy,
    JobState State,
    double Progress,
    string? Message,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<string> Log)
{
    public bool IsFinished => State is JobState.Succeeded or JobState.Failed or JobState.Cancelled;
}
