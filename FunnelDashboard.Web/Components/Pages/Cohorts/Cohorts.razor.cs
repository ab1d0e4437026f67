using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Web.Components.Pages.Cohorts;

/// <summary>
/// Cohort retention as a heatmap and tables. Its state is the URL's query string in the API's grammar
/// (<see cref="CohortQuery"/>: from, to, device, sex, period), so links, reload and back/forward restore the view.
/// </summary>
public sealed partial class Cohorts
{
    static readonly CohortQuery Default = new(FunnelFilter.All);

    CohortQuery query = Default;

    ViewLabel Label => ViewLabel.Of(query.Filter).And($"{Name(query.Period)}ly cohorts", $"{Name(query.Period)}ly");

    /// <summary>A row of about 26 px per cohort, and room for the axis and the legend.</summary>
    int HeatmapHeight => Math.Max(240, 26 * Result!.Cohorts.Count + 110);

    protected override void OnQueryChanged(Func<string, string?> parameter)
    {
        query = ReadQuery(CohortQuery.Parse(parameter), Default);
        Recompute();
    }

    protected override CohortsView ComputeResult(IAnalyticsView view) => new(view.GetCohortRetention(query), query.Period);

    /// <summary>The query parameters of a view that differ from the API's defaults, in its names.</summary>
    public static IReadOnlyDictionary<string, string?> Parameters(CohortQuery query) =>
        new Dictionary<string, string?>(new FunnelQuery { Filter = query.Filter }.ToParameters())
        {
            ["period"] = query.Period == Default.Period ? null : Name(query.Period),
        };

    void Show(CohortQuery next)
    {
        if (next != query) NavigateToQuery(Parameters(next));
    }

    void SetPeriod(object? value)
    {
        if (Enum.TryParse<CohortPeriod>(value as string, ignoreCase: true, out var period)) Show(query with { Period = period });
    }
}
