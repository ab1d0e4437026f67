using Microsoft.AspNetCore.Components;

namespace FunnelDashboard.Web.Components.Pages.Wall;

public sealed partial class LiveIndicator
{
    [Inject] TimeProvider Clock { get; set; } = default!;

    [Parameter, EditorRequired] public DateTime? NewestEvent { get; set; }
    [Parameter, EditorRequired] public TimeSpan StaleAfter { get; set; }

    readonly CancellationTokenSource disposed = new();

    /// <summary>How long ago the newest event happened; never negative (a sender's clock may be ahead of ours).</summary>
    TimeSpan? Age => NewestEvent is { } newest ? TimeSpan.FromTicks(Math.Max(0, (Clock.GetUtcNow().UtcDateTime - newest).Ticks)) : null;

    bool Stale => Age is not { } age || age > StaleAfter;

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender) _ = TickAsync(disposed.Token);
    }

    async Task TickAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct)) await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException) { }
    }

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }
}
