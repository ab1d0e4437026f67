namespace FunnelDashboard.Web.Hosting;

/// <summary>The "Seeding" configuration section: what an empty store is filled with on first start.</summary>
public sealed class SeedingOptions
{
    public const string Section = "Seeding";

    public bool Enabled { get; set; } = true;

    /// <summary>A dataset folder (the five CSVs); relative paths are under the app's base directory, where the build copies seed-data/.</summary>
    public string Folder { get; set; } = "seed-data";

    /// <summary>How long to wait before trying an unreachable store again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}
