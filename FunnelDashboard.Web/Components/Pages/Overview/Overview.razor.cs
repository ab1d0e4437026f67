using FunnelDashboard.Core.Analytics;

namespace FunnelDashboard.Web.Components.Pages.Overview;

/// <summary>
/// The dashboard's landing page. Its filter lives in the URL (from, to, device, sex: the API's names), and it
/// follows new data live.
/// </summary>
public sealed partial class Overview
{
    FunnelFilter filter = FunnelFilter.All;
    IReadOnlyList<string>? filterErrors;
    OverviewModel? model;
    string? loadError;

    protected override void OnQueryChanged(Func<string, string?> parameter)
    {
        var parsed = FunnelQuery.ParseFilter(parameter);
        filterErrors = parsed.IsValid ? null : parsed.Errors.SelectMany(e => e.Value).ToList();
        filter = parsed.Value ?? FunnelFilter.All;
        Recompute();
    }

    protected override Action Compute(IAnalyticsView view)
    {
        var (currentFilter, invalid) = (filter, filterErrors is not null);
        if (invalid || view.DataRange is not { } dataRange) return () => (model, loadError) = (null, null);
        try
        {
            var computed = OverviewModel.Load(view, currentFilter, dataRange);
            return () => (model, loadError) = (computed, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return () => (model, loadError) = (null, e.Message);
        }
    }

    void OnFilterChanged(FunnelFilter changed) => NavigateToQuery(new FunnelQuery { Filter = changed }.ToParameters());
}
