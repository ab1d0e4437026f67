using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Web.Components.Pages.Funnel;

/// <summary>The time-to-convert histogram as the funnel page draws it: its bars, their labels, and the finding.</summary>
public static class TimeToConvertChart
{
    /// <summary>One bar per bin, from the first bin with users to the last (the 16 bins span 10 s to 30 days; most are empty).</summary>
    public static IReadOnlyList<ChartSeries> Series(TimeToConvert time)
    {
        var bins = time.Bins.ToList();
        var (first, last) = (bins.FindIndex(b => b.Users > 0), bins.FindLastIndex(b => b.Users > 0));
        IEnumerable<TimeBin> shown = first < 0 ? [] : bins[first..(last + 1)];
        return [new("Users", shown.Select(b => new ChartPoint(Label(b), b.Users)).ToList())];
    }

    /// <summary>"under 10 s", "5 min–10 min", "30 d or more".</summary>
    public static string Label(TimeBin bin) => (bin.FromSeconds, bin.ToSeconds) switch
    {
        (_, null) => $"{Formats.Duration(bin.FromSeconds)} or more",
        (0, { } to) => $"under {Formats.Duration(to)}",
        (var from, { } to) => $"{Formats.Duration(from)}–{Formats.Duration(to)}",
    };

    public static string Finding(TimeToConvert time) => time.Users == 0
        ? $"No user went from {time.From} to {time.To} in this view."
        : $"{Formats.Count(time.Users)} users went from {time.From} to {time.To}: half of them within {Formats.Duration(time.MedianSeconds)}, " +
          $"90 % within {Formats.Duration(time.P90Seconds)}.";
}
