namespace FunnelDashboard.Web.Jobs;

/// <summary>One point of a loss curve: an epoch's training and validation loss.</summary>
public sealed record LossPoint(int Epoch, double TrainingLoss, double ValidationLoss);

/// <summary>What a piece of work tells about itself while it runs: a job records it, the command line logs it.</summary>
public interface IJobReporter
{
    /// <summary>Share done (0 to 1) and what it is doing now, e.g. "total (2 of 5), epoch 31 of 150, loss 0.021".</summary>
    void Report(double progress, string message);

    /// <summary>A line for the job's log.</summary>
    void Log(string line);

    /// <summary>A new point of the loss curve titled <paramref name="curve"/> (a new title starts a new curve).</summary>
    void Curve(string curve, LossPoint point);
}

/// <summary>A part of a bigger job: its progress is the part's share of the whole, e.g. the second of three models.</summary>
public sealed class JobPart(IJobReporter whole, int index, int count) : IJobReporter
{
    public void Report(double progress, string message) => whole.Report((index + Math.Clamp(progress, 0, 1)) / count, message);
    public void Log(string line) => whole.Log(line);
    public void Curve(string curve, LossPoint point) => whole.Curve(curve, point);
}
