using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;

namespace FunnelDashboard.Web.Components.Pages.Trends;

/// <summary>
/// Conversion per day, week or month, with its 95 % Wilson interval, for everyone or per device or sex. Its state is
/// the URL's query string in the API's grammar (<see cref="TrendsQuery"/>: from, to, device, sex, granularity,
/// breakdown), so links, reload and back/forward restore the view.
/// </summary>
public sealed partial class Trends
{
    static readonly TrendsQuery Default = new(FunnelFilter.All);

    TrendsQuery query = Default;

    ViewLabel Label => ViewLabel.Of(new FunnelQuery { Filter = query.Filter, Breakdown = query.Breakdown })
        .And(TrendsView.Adjective(query.Granularity), TrendsView.Adjective(query.Granularity));

    protected override void OnQueryChanged(Func<string, string?> parameter)
    {
        query = ReadQuery(TrendsQuery.Parse(parameter), Default);
        Recompute();
    }

    protected override TrendsView ComputeResult(IAnalyticsView view) => new(view.GetConversionTrends(query), query.Granularity);

    /// <summary>The query parameters of a view that differ from the API's defaults, in its names.</summary>
    public static IReadOnlyDictionary<string, string?> Parameters(TrendsQuery query) =>
        new Dictionary<string, string?>(new FunnelQuery { Filter = query.Filter, Breakdown = query.Breakdown }.ToParameters())
        {
            ["granularity"] = query.Granularity == Default.Granularity ? null : Name(query.Granularity),
        };

    void Show(TrendsQuery next)
    {
        if (next != query) NavigateToQuery(Parameters(next));
    }

    void SetGranularity(object? value)
    {
        if (Enum.TryParse<Granularity>(value as string, ignoreCase: true, out var granularity)) Show(query with { Granularity = granularity });
    }

    void SetBreakdown(object? value)
    {
        if (Enum.TryParse<Breakdown>(value as string, ignoreCase: true, out var breakdown)) Show(query with { Breakdown = breakdown });
    }
}
