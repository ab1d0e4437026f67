using FunnelDashboard.Core.Analytics;

namespace FunnelDashboard.Web.Hosting;

public static class AnalyticsReadiness
{
    /// <summary>Completes once the analytics have loaded the data (at once when they already have).</summary>
    public static async Task WhenReadyAsync(this IFunnelAnalytics analytics, CancellationToken ct)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task OnChanged()
        {
            if (analytics.Current.State == AnalyticsState.Ready) ready.TrySetResult();
            return Task.CompletedTask;
        }
        using var subscription = analytics.Subscribe(OnChanged, TimeSpan.Zero);
        await OnChanged(); // it may be ready already
        await ready.Task.WaitAsync(ct);
    }
}
