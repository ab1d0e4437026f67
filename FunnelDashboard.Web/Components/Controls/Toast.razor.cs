using Microsoft.AspNetCore.Components;

namespace FunnelDashboard.Web.Components.Controls;

/// <summary>Shows the circuit's toasts; each one dismisses itself after a few seconds.</summary>
public sealed partial class Toast : IDisposable
{
    static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    [Inject] ToastService Toasts { get; set; } = default!;

    readonly CancellationTokenSource disposed = new();
    readonly HashSet<Guid> scheduled = [];

    protected override void OnInitialized() => Toasts.Changed += OnChanged;

    void OnChanged()
    {
        foreach (var message in Toasts.Messages) ScheduleDismiss(message.Id);
        _ = InvokeAsync(StateHasChanged);
    }

    void ScheduleDismiss(Guid id)
    {
        if (!scheduled.Add(id)) return;
        _ = Task.Delay(Lifetime, disposed.Token).ContinueWith(
            _ => InvokeAsync(() => { scheduled.Remove(id); Toasts.Dismiss(id); }),
            disposed.Token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    public void Dispose()
    {
        Toasts.Changed -= OnChanged;
        disposed.Cancel();
        disposed.Dispose();
    }
}
