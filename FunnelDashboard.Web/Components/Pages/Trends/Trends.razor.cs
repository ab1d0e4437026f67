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
    IReadOnlyList<string>? queryErrors;
    TrendsView? result;
    string? loadError;

    ViewLabel Label => ViewLabel.Of(new FunnelQuery { Filter = query.Filter, Breakdown = query.Breakdown })
        .And(TrendsView.Adjective(query.Granularity), TrendsView.Adjective(query.Granularity));

    protected override void OnQueryChanged(Func<string, string?> parameter)
    {
        var parsed = TrendsQuery.Parse(parameter);
        queryErrors = parsed.IsValid ? null : parsed.Errors.SelectMany(e => e.Value).ToList();
        query = parsed.Value ?? Default;
        Recompute();
    }

    protected override Action Compute(IAnalyticsView view)
    {
        var (currentQuery, invalid) = (query, queryErrors is not null);
        if (invalid || view.DataRange is null) return () => (result, loadError) = (null, null);
        try
        {
            var computed = new TrendsView(view.GetConversionTrends(currentQuery), currentQuery.Granularity);
            return () => (result, loadError) = (computed, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return () => (result, loadError) = (null, e.Message);
        }
    }

    /// <summary>The query parameters of a view that differ from the API's defaults, in its names.</summary>
    public static IReadOnlyDictionary<string, string?> Parameters(TrendsQuery query) =>
        new Dictionary<string, string?>(new FunnelQuery { Filter = query.Filter, Breakdown = query.Breakdown }.ToParameters())
        {
            ["granularity"] = query.Granularity == Default.Granularity ? null : Name(query.Granularity),
        };

    static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

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
