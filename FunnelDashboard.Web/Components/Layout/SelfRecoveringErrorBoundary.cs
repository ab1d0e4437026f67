using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace FunnelDashboard.Web.Components.Layout;

/// <summary>An error boundary that recovers by itself after <see cref="RetryAfter"/>: for screens nobody attends.</summary>
public sealed class SelfRecoveringErrorBoundary : ErrorBoundary, IDisposable
{
    [Parameter] public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(15);

    readonly CancellationTokenSource disposed = new();

    protected override async Task OnErrorAsync(Exception exception)
    {
        await base.OnErrorAsync(exception);
        _ = RecoverLaterAsync(disposed.Token);
    }

    async Task RecoverLaterAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(RetryAfter, ct);
            await InvokeAsync(Recover);
        }
        catch (OperationCanceledException) { }
    }

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }
}
