using FunnelDashboard.Core.Analytics;
using Microsoft.AspNetCore.Components;

namespace FunnelDashboard.Web.Components;

/// <summary>
/// Base of every component that shows analytics: it follows <see cref="IFunnelAnalytics.Changed"/> (raised off the
/// renderer's thread, e.g. every second on a wall display), lets the subclass recompute, and re-renders.
/// </summary>
public abstract class AnalyticsComponent : ComponentBase, IDisposable
{
    [Inject] protected IFunnelAnalytics Analytics { get; set; } = default!;

    protected override void OnInitialized() => Analytics.Changed += OnChanged;

    /// <summary>Called on the renderer's thread after the analytics snapshot changed, before re-rendering.</summary>
    protected virtual void OnAnalyticsChanged() { }

    void OnChanged() => _ = InvokeAsync(() =>
    {
        OnAnalyticsChanged();
        StateHasChanged();
    });

    public virtual void Dispose()
    {
        Analytics.Changed -= OnChanged;
        GC.SuppressFinalize(this);
    }
}
