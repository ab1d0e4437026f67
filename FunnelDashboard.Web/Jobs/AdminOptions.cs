using System.ComponentModel.DataAnnotations;

namespace FunnelDashboard.Web.Jobs;

/// <summary>The "Admin" configuration section.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The largest dataset upload taken from the admin page (a zip counts unpacked).</summary>
    [Range(1, 10_240)]
    public int MaxUploadMegabytes { get; set; } = 200;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024;
}
