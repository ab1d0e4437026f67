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
    IReadOnlyList<string>? queryErrors;
    FunnelResult? result;
    /// <summary>With a breakdown only: whether its groups convert differently.</summary>
    FunnelSignificance? significance;
    TimeToConvert? timeToConvert;
    string? loadError;

    /// <summary>The breakdown's groups that have users (a filter on the breakdown's own dimension empties the others).</summary>
    IReadOnlyList<FunnelGroup>? Groups =>
        query.Breakdown == Breakdown.None ? null : result?.Groups?.Where(g => g.Steps is [{ Users: > 0 }, ..]).ToList();

    bool FilterFixes(Breakdown breakdown) => Breakdowns.FilterFixes(query.Filter, breakdown);

    string? FilteredValue => query.Breakdown == Breakdown.Device ? query.Filter.Device?.ToString() : query.Filter.Sex?.ToString();

    /// <summary>Keeps the breakdown and drops the filter that hid its other groups.</summary>
    void CompareAllGroups() => Show(query with
    {
        Filter = query.Breakdown == Breakdown.Device ? query.Filter with { Device = null } : query.Filter with { Sex = null },
    });

    protected override void OnQueryChanged(Func<string, string?> parameter)
    {
        var parsed = FunnelQuery.Parse(parameter);
        queryErrors = parsed.IsValid ? null : parsed.Errors.SelectMany(e => e.Value).ToList();
        query = parsed.Value ?? FunnelQuery.Default;
        Recompute();
    }

    protected override Action Compute(IAnalyticsView view)
    {
        var (currentQuery, invalid) = (query, queryErrors is not null);
        if (invalid || view.DataRange is null) return () => (result, significance, timeToConvert, loadError) = (null, null, null, null);
        try
        {
            var computed = view.GetFunnel(currentQuery);
            var test = currentQuery.Breakdown == Breakdown.None ? null : view.GetSignificance(currentQuery);
            var time = view.GetTimeToConvert(new TimeToConvertQuery(currentQuery, 0, currentQuery.Steps.Count - 1));
            return () => (result, significance, timeToConvert, loadError) = (computed, test, time, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return () => (result, significance, timeToConvert, loadError) = (null, null, null, e.Message);
        }
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
        : [new("All users", points(result!.Steps).ToList())];

    IEnumerable<(string Title, IReadOnlyList<FunnelStep> Steps)> Tables => Groups is { } groups
        ? groups.Select(g => (g.Value, g.Steps))
        : [("All users", result!.Steps)];
}
