namespace FunnelDashboard.Tests.Support;

/// <summary>
/// A fact that needs the published dataset: where this machine has none it is reported as skipped (with the path it
/// looked for), so the run's "N skipped" says what was not checked. xunit 2 reads Skip when it discovers the test.
/// </summary>
public sealed class RealDatasetFactAttribute : FactAttribute
{
    public RealDatasetFactAttribute()
    {
        if (TestPaths.RealDataset is null)
            Skip = $"The published dataset is not on this machine ({TestPaths.RealDatasetPath}).";
    }
}
