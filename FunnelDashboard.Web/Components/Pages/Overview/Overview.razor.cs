using FunnelDashboard.Core.Analytics;

namespace FunnelDashboard.Web.Components.Pages.Overview;

/// <summary>
/// The dashboard's landing page. Its filter lives in the URL (from, to, device, sex: the API's names), and it
/// follows new data live.
/// </summary>
public sealed partial class Overview
{
    FunnelFilter filter = FunnelFilter.All;

    protected override void OnQueryChanged(Func<string, string?> parameter)
    {
        filter = ReadQuery(FunnelQuery.ParseFilter(parameter), FunnelFilter.All);
        Recompute();
    }

    protected override OverviewModel ComputeResult(IAnalyticsView view) => OverviewModel.Load(view, filter, view.DataRange!);

    void OnFilterChanged(FunnelFilter changed) => NavigateToQuery(new FunnelQuery { Filter = changed }.ToParameters());
}
