using System.Globalization;
using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Components.Controls;
using FunnelDashboard.Web.Components.Pages.Forecast;
using FunnelDashboard.Web.Forecasting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace FunnelDashboard.Web.Components.Pages.Wall;

/// <summary>
/// The wall display: today's and the last hour's numbers, the funnel, conversion by device, events per minute and the
/// next days' visits, one panel at a time, for a screen nobody touches. It follows analytics changes like every page
/// and the forecaster's model changes, and on its own clock rotates panels and recomputes (the last hour moves on even
/// when no event arrives).
/// </summary>
public sealed partial class Wall
{
    /// <summary>How often the numbers are recomputed without new data: the last hour and the per-minute counts slide.</summary>
    static readonly TimeSpan RecomputeEvery = TimeSpan.FromSeconds(10);
    const int ChartHeight = 780;
    const int ForecastChartHeight = 580; // under the row of day numbers
    /// <summary>Four weeks of actual visits before the forecast: enough to see the weekly pattern it continues.</summary>
    const int ForecastHistoryDays = 28;

    [Inject] TimeProvider Clock { get; set; } = default!;
    [Inject] IOptions<WallOptions> Options { get; set; } = default!;
    [Inject] IJSRuntime JS { get; set; } = default!;
    [Inject] ForecastService Forecasts { get; set; } = default!;

    WallView view = WallView.Default;
    /// <summary>When the numbers were last computed, whatever that gave (numbers, no data, a failure).</summary>
    DateTimeOffset computedAt;
    int panelIndex;
    DateTimeOffset panelShownAt;
    readonly CancellationTokenSource disposed = new();
    string? documentTheme;

    WallPanel CurrentPanel => view.Panels[panelIndex % view.Panels.Count];

    static string PanelTitle(WallPanel panel) => panel switch
    {
        WallPanel.Kpis => "Today and the last hour",
        WallPanel.Funnel => "Today's funnel",
        WallPanel.Devices => "Conversion by device today",
        WallPanel.Forecast => $"Visits in the next {ForecastQuery.MaxDaysAhead} days",
        _ => "Events per minute",
    };

    /// <summary>A slow shop's rate (0.4 a minute) must not read as zero.</summary>
    static string RateText(double perMinute) =>
        perMinute < 10 ? perMinute.ToString("0.0", CultureInfo.InvariantCulture) : Formats.Count(perMinute);

    protected override void OnInitialized()
    {
        Follow(changed => Forecasts.Changed += changed, changed => Forecasts.Changed -= changed, Recompute);
        base.OnInitialized();
    }

    protected override void OnQueryChanged(Func<string, string?> parameter)
    {
        view = WallView.Parse(parameter);
        panelIndex = 0;
        panelShownAt = Clock.GetUtcNow();
        Recompute();
    }

    /// <summary>Every analytics read of the wall, in one place.</summary>
    protected override WallData ComputeResult(IAnalyticsView analytics)
    {
        var now = Clock.GetUtcNow();
        var live = analytics.GetLiveMetrics(now.UtcDateTime);
        var (nextDays, unavailable) = view.Panels.Contains(WallPanel.Forecast) ? ComputeForecast() : (null, null);
        return new(live, now, nextDays, unavailable);
    }

    /// <summary>Also notes when it computed: the clock computes again <see cref="RecomputeEvery"/> later.</summary>
    protected override Action Compute(IAnalyticsView analytics)
    {
        var now = Clock.GetUtcNow();
        var apply = base.Compute(analytics);
        return () =>
        {
            computedAt = now;
            apply();
        };
    }

    /// <summary>The total's next days from the served model, or why there are none yet (e.g. training progress).</summary>
    (ForecastView?, string?) ComputeForecast() =>
        Forecasts.TryForecast(VisitSeries.Total, ForecastQuery.MaxDaysAhead, out var next, out var why)
        && Forecasts.Actuals.TryGetValue(VisitSeries.Total, out var actuals)
            ? (new ForecastView(next, actuals, ForecastHistoryDays), null)
            : (null, why ?? "No forecast of the total yet.");

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender) _ = TickAsync(disposed.Token);
        if (documentTheme == view.Theme) return;
        documentTheme = view.Theme;
        try
        {
            // Charts take their theme from the document: the wall's theme wins over the visitor's remembered choice.
            await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/wall.js");
            await module.InvokeVoidAsync("useTheme", view.Theme);
        }
        catch (JSDisconnectedException) { }
    }

    async Task TickAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct)) await InvokeAsync(Tick);
        }
        catch (OperationCanceledException) { }
    }

    void Tick()
    {
        var now = Clock.GetUtcNow();
        var changed = false;
        if (view.Panels.Count > 1 && now - panelShownAt >= TimeSpan.FromSeconds(view.RotateSeconds))
        {
            panelIndex = (panelIndex + 1) % view.Panels.Count;
            panelShownAt = now;
            changed = true;
        }
        if (now - computedAt >= RecomputeEvery)
        {
            Recompute();
            changed = true;
        }
        if (changed) StateHasChanged();
    }

    public override void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
        base.Dispose();
    }
}
