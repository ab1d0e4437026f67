namespace FunnelDashboard.Core.Analytics;

/// <summary>The "Analytics" configuration section.</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>How often the snapshot is grown by what is new in the store (at most; a refresh asked for waits this long after the last).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Answers kept for reuse across screens and API calls.</summary>
    public int CacheCapacity { get; set; } = 1024;
}
