namespace FunnelDashboard.Web.Components.Pages.Wall;

/// <summary>The "Wall" configuration section: how the wall display (/wall) judges its data.</summary>
public sealed class WallOptions
{
    public const string Section = "Wall";

    /// <summary>When the newest event is older than this, the live indicator turns amber: nothing is arriving.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(2);
}
