namespace FunnelDashboard.Core.Analytics;

/// <summary>The "Analytics" configuration section.</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>How often the snapshot looks for rows written elsewhere (a CLI import, another instance); asked-for refreshes (this app's captures, Redis) come sooner.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Answers kept for reuse across screens and API calls.</summary>
    public int CacheCapacity { get; set; } = 1024;
}
