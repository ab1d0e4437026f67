namespace FunnelDashboard.Web.Jobs;

/// <summary>The loss curve of what a job trains now (e.g. one series' model); it grows by one point per epoch.</summary>
public sealed record LossCurve(string Title, IReadOnlyList<LossPoint> Points);
