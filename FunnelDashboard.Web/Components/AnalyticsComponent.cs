using FunnelDashboard.Core.Analytics;
using FunnelDashboard.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace FunnelDashboard.Web.Components;

/// <summary>
/// Base of every component that shows analytics. It shows one <see cref="View"/> at a time (so all its numbers come
/// from one version of the data) and follows new views through a throttled subscription: at most one update per
/// <see cref="LiveOptions.MinUpdateInterval"/>, computed off the renderer's thread, then rendered.
/// </summary>
public abstract class AnalyticsComponent : ComponentBase, IDisposable
{
    [Inject] protected IFunnelAnalytics Analytics { get; set; } = default!;
    [Inject] IOptions<LiveOptions> LiveOptions { get; set; } = default!;

    IDisposable? subscription;
    int inputs;

    /// <summary>The version of the analytics this component shows.</summary>
    protected IAnalyticsView View { get; private set; } = default!;

    protected override void OnInitialized()
    {
        View = Analytics.Current;
        subscription = Analytics.Subscribe(OnAnalyticsChangedAsync, LiveOptions.Value.MinUpdateInterval);
    }

    /// <summary>
    /// Computes what the component shows from <paramref name="view"/>, with its current inputs; called off the
    /// renderer's thread for a new view. Returns what to apply on the renderer's thread before rendering.
    /// </summary>
    protected virtual Action? Compute(IAnalyticsView view) => null;

    /// <summary>Shows the newest view with the component's new inputs now (on the renderer's thread).</summary>
    protected void Recompute()
    {
        inputs++;
        View = Analytics.Current;
        Compute(View)?.Invoke();
    }

    async Task OnAnalyticsChangedAsync()
    {
        var view = Analytics.Current;
        var inputsSeen = inputs;
        if (view.Version <= View.Version) return;
        try
        {
            var apply = await Task.Run(() => Compute(view));
            await InvokeAsync(() =>
            {
                // Inputs changed meanwhile (navigation): that recomputation already shows a view at least as new.
                if (inputsSeen != inputs || view.Version <= View.Version) return;
                View = view;
                apply?.Invoke();
                StateHasChanged();
            });
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    public virtual void Dispose()
    {
        subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
