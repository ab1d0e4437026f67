using System.Globalization;

namespace FunnelDashboard.Web.Components.Pages.Funnel;

/// <summary>The conversion windows offered in the picker (hours); a link may carry any other valid one.</summary>
static class ConversionWindows
{
    public static readonly IReadOnlyList<int> Common = [1, 6, 24, 24 * 7, 24 * 30];

    public static IEnumerable<int> WithCurrent(int? current) =>
        current is { } hours && !Common.Contains(hours) ? Common.Append(hours).Order() : Common;

    public static string Label(int hours) => hours switch
    {
        < 24 => $"{hours} h",
        _ when hours % 24 == 0 => hours == 24 ? "1 day" : $"{hours / 24} days",
        _ => $"{hours.ToString(CultureInfo.InvariantCulture)} h",
    };
}
