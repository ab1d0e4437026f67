namespace FunnelDashboard.Web.Hosting;

/// <summary>The "Seeding" configuration section: what an empty store is filled with on first start.</summary>
public sealed class SeedingOptions
{
    public const string Section = "Seeding";

    public bool Enabled { get; set; } = true;

    /// <summary>A dataset folder (the five CSVs); relative paths are under the app's base directory, where the build copies seed-data/.</summary>
    public string Folder { get; set; } = "seed-data";

    /// <summary>
    /// Moves the seed's days so its history ends yesterday and live events continue it (the published dataset ends in
    /// 2015). On in appsettings.json for the demo; off by default, for imports and tests that need the dataset's dates.
    /// </summary>
    public bool ShiftToToday { get; set; }

    /// <summary>How long to wait before trying an unreachable store again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}
