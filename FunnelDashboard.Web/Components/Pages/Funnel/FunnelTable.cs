using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Web.Components.Pages.Funnel;

/// <summary>The columns of a funnel's per-step table; the CSV export adds the raw ratios and seconds.</summary>
static class FunnelTable
{
    public static readonly IReadOnlyList<DataColumn<FunnelStep>> Columns =
    [
        new("Step", s => s.Name),
        new("Users", s => s.Users, s => Formats.Count(s.Users), Numeric: true),
        new("From previous", s => s.ConversionFromPrevious, s => Formats.Percent(s.ConversionFromPrevious), Numeric: true, RawTitle: "From previous (ratio)"),
        new("From start", s => s.ConversionFromStart, s => Formats.Percent(s.ConversionFromStart), Numeric: true, RawTitle: "From start (ratio)"),
        new("Drop-off", s => s.DropOff, s => Formats.Count(s.DropOff), Numeric: true),
        new("Median to next", s => s.MedianSecondsToNext, s => Formats.Duration(s.MedianSecondsToNext), Numeric: true, RawTitle: "Median to next (s)"),
    ];
}
