using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Web.Components.Pages.Funnel;

/// <summary>
/// The funnel explorer. Its whole state is the URL's query string in the API's grammar (<see cref="FunnelQuery"/>):
/// every control navigates to a new URL, and the page renders whatever URL it is on, so links, reload and
/// back/forward all restore the view.
/// </summary>
public sealed partial class Funnel
{
    FunnelQuery query = FunnelQuery.Default;

    /// <summary>The breakdown's groups that have users (a filter on the breakdown's own dimension empties the others).</summary>
    IReadOnlyList<FunnelGroup>? Groups =>
        query.Breakdown == Breakdown.None ? null : Result?.Funnel.Groups?.Where(g => g.Steps is [{ Users: > 0 }, ..]).ToList();

    bool FilterFixes(Breakdown breakdown) => Breakdowns.FilterFixes(query.Filter, breakdown);

    string? FilteredValue => query.Breakdown == Breakdown.Device ? query.Filter.Device?.ToString() : query.Filter.Sex?.ToString();

    /// <summary>Keeps the breakdown and drops the filter that hid its other groups.</summary>
    void CompareAllGroups() => Show(query with
    {
        Filter = query.Breakdown == Breakdown.Device ? query.Filter with { Device = null } : query.Filter with { Sex = null },
    });

    protected override void OnQueryChanged(Func<string, string?> parameter)
    {
        query = ReadQuery(FunnelQuery.Parse(parameter), FunnelQuery.Default);
        Recompute();
    }

    /// <summary>The funnel; with a breakdown only, whether its groups convert differently; the time from first to last step.</summary>
    protected override FunnelView ComputeResult(IAnalyticsView view)
    {
        var current = query;
        return new(view.GetFunnel(current), current.Breakdown == Breakdown.None ? null : view.GetSignificance(current),
            view.GetTimeToConvert(new TimeToConvertQuery(current, 0, current.Steps.Count - 1)));
    }

    void Show(FunnelQuery next)
    {
        if (next != query) NavigateToQuery(next.ToParameters());
    }

    /// <summary>Adds or removes a step, keeping funnel order and at least two steps.</summary>
    void ToggleStep(FunnelPage page)
    {
        var steps = Names.AllPages.Where(p => p == page ? !query.Steps.Contains(p) : query.Steps.Contains(p)).ToList();
        if (steps.Count >= 2) Show(query with { Steps = steps });
    }

    void SetBreakdown(object? value)
    {
        if (Enum.TryParse<Breakdown>(value as string, out var breakdown)) Show(query with { Breakdown = breakdown });
    }

    void SetWindow(object? value) => Show(query with
    {
        WindowHours = int.TryParse(value as string, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) ? hours : null,
    });

    IReadOnlyList<ChartSeries> UserSeries => Series(steps => steps.Select(s => new ChartPoint(s.Name, s.Users)));

    /// <summary>The steps after the first: the first is 100 % by definition.</summary>
    IReadOnlyList<ChartSeries> ConversionSeries =>
        Series(steps => steps.Skip(1).Select(s => new ChartPoint(s.Name, Math.Round(s.ConversionFromStart * 100, 2))));

    /// <summary>One series for everyone, or one per group of the breakdown.</summary>
    IReadOnlyList<ChartSeries> Series(Func<IReadOnlyList<FunnelStep>, IEnumerable<ChartPoint>> points) => Groups is { } groups
        ? groups.Select(g => new ChartSeries(g.Value, points(g.Steps).ToList())).ToList()
        : [new("All users", points(Result!.Funnel.Steps).ToList())];

    IEnumerable<(string Title, IReadOnlyList<FunnelStep> Steps)> Tables => Groups is { } groups
        ? groups.Select(g => (g.Value, g.Steps))
        : [("All users", Result!.Funnel.Steps)];
}
