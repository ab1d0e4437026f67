using FunnelDashboard.Core.Jobs;

namespace FunnelDashboard.Web.Jobs;

/// <summary>POST /models/retrain.</summary>
public sealed record RetrainRequest(string? Model);

/// <summary>A job as GET /jobs/{id} answers: state, progress from 0 to 1, who started it, its log and (while training) its loss curve.</summary>
public sealed record JobResponse(
    string Id,
    string Kind,
    JobState State,
    double Progress,
    string? Message,
    string StartedBy,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<string> Log,
    LossCurve? LossCurve)
{
    public static JobResponse From(JobSnapshot job)
    {
        var r = job.Record;
        return new(r.Id, r.Kind, r.State, r.Progress, r.Message, r.StartedBy, r.QueuedAt, r.StartedAt, r.EndedAt, r.Log, job.Curve);
    }
}
