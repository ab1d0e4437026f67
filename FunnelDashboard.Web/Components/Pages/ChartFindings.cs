using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Web.Components.Pages;

/// <summary>
/// Each chart's finding in one sentence: the text alternative a screen reader announces with the chart, and the
/// caption everyone reads under it.
/// </summary>
static class ChartFindings
{
    const string NoUsers = "No users entered the funnel.";

    static string Rate(double ratio) => Formats.Rate(ratio);

    /// <summary>How many reached the end, and where most were lost.</summary>
    public static string Funnel(IReadOnlyList<FunnelStep> steps)
    {
        if (steps.Count < 2 || steps[0].Users == 0) return NoUsers;
        var (first, last) = (steps[0], steps[^1]);
        return $"Of {Formats.Count(first.Users)} users at {first.Name}, {Formats.Count(last.Users)} ({Rate(last.ConversionFromStart)}) " +
               $"reached {last.Name}. {LargestLoss(steps)}";
    }

    /// <summary>Where most users were lost, against those who reached the step before.</summary>
    public static string LargestLoss(IReadOnlyList<FunnelStep> steps)
    {
        if (steps.Count < 2 || steps[0].Users == 0) return NoUsers;
        var (from, to) = steps.Zip(steps.Skip(1)).MaxBy(pair => pair.First.Users - pair.Second.Users);
        var lost = from.Users - to.Users;
        return $"Most users are lost between {from.Name} and {to.Name}: {Formats.Count(lost)} of {Formats.Count(from.Users)} " +
               $"({Formats.Percent(lost / (double)from.Users)}).";
    }

    /// <summary>Per group, how many users were at the first step and how many reached the last.</summary>
    public static string GroupCounts(IReadOnlyList<FunnelGroup> groups)
    {
        var entered = groups.Where(g => g.Steps.Count > 1 && g.Steps[0].Users > 0).ToList();
        if (entered.Count == 0) return NoUsers;
        var (first, last) = (entered[0].Steps[0].Name, entered[0].Steps[^1].Name);
        return $"Users at {first} and at {last}: " +
               string.Join("; ", entered.Select(g => $"{g.Value} {Formats.Count(g.Steps[0].Users)} and {Formats.Count(g.Steps[^1].Users)}")) + ".";
    }

    /// <summary>The share of the starting users who reached each later step.</summary>
    public static string Conversion(IReadOnlyList<FunnelStep> steps)
    {
        if (steps.Count < 2 || steps[0].Users == 0) return NoUsers;
        var reached = steps.Skip(1).Select(s => $"{Rate(s.ConversionFromStart)} reached {s.Name}").ToList();
        var list = reached.Count == 1 ? reached[0] : $"{string.Join(", ", reached[..^1])} and {reached[^1]}";
        return $"Of the users who started at {steps[0].Name}, {list}.";
    }

    /// <summary>Which group reaches the last step most often, and by how much.</summary>
    public static string Groups(IReadOnlyList<FunnelGroup> groups)
    {
        var entered = groups.Where(g => g.Steps.Count > 1 && g.Steps[0].Users > 0)
            .OrderByDescending(g => g.Steps[^1].ConversionFromStart).ToList();
        if (entered.Count == 0) return NoUsers;
        var (best, worst) = (entered[0], entered[^1]);
        var last = best.Steps[^1].Name;
        var (bestRate, worstRate) = (best.Steps[^1].ConversionFromStart, worst.Steps[^1].ConversionFromStart);
        if (entered.Count == 1) return $"{Rate(bestRate)} of {best.Value} users who started reached {last}.";
        if (bestRate == worstRate) return $"Every group reached {last} equally often: {Rate(bestRate)} of those who started.";
        if (worstRate == 0) return $"{Rate(bestRate)} of {best.Value} users who started reached {last}; no {worst.Value} user did.";
        var times = (bestRate / worstRate).ToString("0.0", CultureInfo.InvariantCulture);
        return $"{best.Value} users reached {last} {times} times as often as {worst.Value} users: " +
               $"{Rate(bestRate)} against {Rate(worstRate)} of those who started.";
    }

    /// <summary>The range of the daily rates and the rate over the whole period.</summary>
    public static string Daily(IReadOnlyList<DailyConversion> days)
    {
        var started = days.Where(d => d.Started > 0).ToList();
        if (started.Count == 0) return "No users started in this period.";
        var (low, high) = (started.MinBy(d => d.Rate)!, started.MaxBy(d => d.Rate)!);
        var overall = started.Sum(d => d.Converted) / (double)started.Sum(d => d.Started);
        return $"Over the period {Formats.Percent(overall)} of starting users converted; by day it ranged from " +
               $"{Formats.Percent(low.Rate)} ({Formats.Date(low.Date)}) to {Formats.Percent(high.Rate)} ({Formats.Date(high.Date)}).";
    }
}
