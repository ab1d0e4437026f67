namespace FunnelDashboard.Web.Instances;

/// <summary>
/// Which of the instances that share a model directory trains a model by itself (at start, by schedule): the one that
/// holds the claim, an exclusive lock on <c>{directory}/.{model}-training.lock</c>. The others skip that run and serve
/// the result when the trainer's instance tells them. The operating system releases the lock when its holder's process
/// ends, so a crash never leaves a stale claim behind (unlike a marker file).
/// </summary>
public static class TrainingClaim
{
    /// <summary>The claim, held until disposed; null when another instance (or run) holds it.</summary>
    public static IDisposable? TryTake(string modelDirectory, string model)
    {
        Directory.CreateDirectory(modelDirectory);
        try
        {
            return new FileStream(Path.Combine(modelDirectory, $".{model}-training.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null; // held: FileShare.None is an exclusive flock on Unix, a sharing violation on Windows
        }
    }
}
