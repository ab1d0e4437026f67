using FunnelDashboard.Core.Analytics;

namespace FunnelDashboard.Web.Components.Pages;

/// <summary>How the pages offer a breakdown, the same wherever one is offered.</summary>
static class Breakdowns
{
    /// <summary>Whether the filter already fixes what <paramref name="breakdown"/> splits by (device=Mobile, by device): one group only.</summary>
    public static bool FilterFixes(FunnelFilter filter, Breakdown breakdown) => breakdown switch
    {
        Breakdown.Device => filter.Device is not null,
        Breakdown.Sex => filter.Sex is not null,
        _ => false,
    };

    public static string Label(Breakdown breakdown) => breakdown == Breakdown.None ? "None" : $"By {breakdown.ToString().ToLowerInvariant()}";
}
