namespace FunnelDashboard.Web.Hosting;

/// <summary>The "Live" configuration section: how screens follow new data.</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>A screen updates at most this often; a burst of changes becomes one update.</summary>
    public TimeSpan MinUpdateInterval { get; set; } = TimeSpan.FromSeconds(1);
}
