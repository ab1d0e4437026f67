using FunnelDashboard.Core.Analytics;

namespace FunnelDashboard.Web.Components.Pages.Overview;

/// <summary>
/// The dashboard's landing page. Its filter lives in the URL (from, to, device, sex: the API's names), and it
/// recomputes whenever the analytics snapshot changes.
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
        Load();
    }

    protected override void OnAnalyticsChanged() => Load();

    void Load()
    {
        model = null;
        loadError = null;
        if (filterErrors is not null || Analytics.State != AnalyticsState.Ready || Analytics.DataRange is not { } dataRange) return;
        try
        {
            model = OverviewModel.Load(Analytics, filter, dataRange);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            loadError = e.Message;
        }
    }

    void OnFilterChanged(FunnelFilter changed) => NavigateToQuery(new FunnelQuery { Filter = changed }.ToParameters());
}
