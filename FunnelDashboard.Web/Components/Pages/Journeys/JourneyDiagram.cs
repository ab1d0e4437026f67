using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Web.Components.Pages.Journeys;

/// <summary>
/// The journeys' flow diagram: the listed paths step by step. Column k holds the k-th page of a session's path; a path
/// shorter than the longest path kept (max_length) ends in an exit after its last page, a path that long may go on
/// and has none. A link's users are the sum of the users of the paths that take it, so a user of two listed paths
/// counts in both.
/// </summary>
static class JourneyDiagram
{
    /// <summary>Pages in funnel order, then pages this build does not know by name, then the exit.</summary>
    public static readonly IComparer<string> NodeOrder = Comparer<string>.Create((a, b) =>
        Rank(a) != Rank(b) ? Rank(a).CompareTo(Rank(b)) : string.CompareOrdinal(a, b));

    public static readonly IReadOnlyDictionary<string, string> Colors = new Dictionary<string, string>
    {
        ["home"] = "#0d6efd", ["search"] = "#20c997", ["payment"] = "#fd7e14", ["confirmation"] = "#6f42c1", [UserJourneys.Exit] = "#adb5bd",
    };

    static int Rank(string node) =>
        node == UserJourneys.Exit ? int.MaxValue : Names.TryParsePage(node, out var page) ? (int)page : Names.AllPages.Count;

    public static IReadOnlyList<FlowLink> Links(IReadOnlyList<JourneyPath> paths, int maxLength)
    {
        var users = new Dictionary<(int Column, string From, string To), long>();
        void Add(int column, string from, string to, long count) => users[(column, from, to)] = users.GetValueOrDefault((column, from, to)) + count;
        foreach (var path in paths)
        {
            for (var i = 0; i + 1 < path.Pages.Count; i++) Add(i, path.Pages[i], path.Pages[i + 1], path.Users);
            var length = path.Pages.Count;
            if (length > 0 && length < maxLength) Add(length - 1, path.Pages[^1], UserJourneys.Exit, path.Users);
        }
        return users
            .OrderBy(l => l.Key.Column).ThenBy(l => l.Key.From, NodeOrder).ThenBy(l => l.Key.To, NodeOrder)
            .Select(l => new FlowLink(l.Key.Column, l.Key.From, l.Key.To, l.Value))
            .ToList();
    }

    /// <summary>How many leave after their first page, and the widest flow onwards.</summary>
    public static string Finding(IReadOnlyList<FlowLink> links)
    {
        var first = links.Where(l => l.Column == 0).ToList();
        var started = first.Sum(l => l.Value);
        if (started == 0) return "No sessions in this view.";
        var left = first.Where(l => l.To == UserJourneys.Exit).Sum(l => l.Value);
        var leaving = $"Of {Formats.Count(started)} users on these paths, {Formats.Count(left)} ({Formats.Percent(left / (double)started)}) leave after their first page";
        return links.Where(l => l.To != UserJourneys.Exit).MaxBy(l => l.Value) is { } widest
            ? $"{leaving}; the widest flow onwards is {widest.From} → {widest.To} at step {widest.Column + 2}, with {Formats.Count(widest.Value)} users."
            : $"{leaving}.";
    }
}
