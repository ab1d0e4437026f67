using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Web.Components.Pages.Journeys;

/// <summary>The columns of the journeys' tables; the CSV export adds the raw ratios.</summary>
static class JourneyTables
{
    public static readonly IReadOnlyList<DataColumn<JourneyPath>> Paths =
    [
        new("Pages", p => string.Join(" → ", p.Pages)),
        new("Users", p => p.Users, p => Formats.Count(p.Users), Numeric: true),
        new("Share", p => p.Share, p => Formats.Percent(p.Share), Numeric: true, RawTitle: "Share (ratio)"),
        new("Conversion", p => p.Conversion, p => Formats.Percent(p.Conversion), Numeric: true, RawTitle: "Conversion (ratio)"),
    ];

    public static readonly IReadOnlyList<DataColumn<JourneyFlow>> Flows =
    [
        new("From", f => f.From),
        new("To", f => f.To),
        new("Users", f => f.Users, f => Formats.Count(f.Users), Numeric: true),
    ];
}
