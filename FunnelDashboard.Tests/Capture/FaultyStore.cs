using System.Reflection;
using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Tests.Capture;

/// <summary>
/// A real store whose capture can be made to fail (an outage) or to wait (a slow commit), to test what the capture
/// endpoint answers then. Everything else goes straight to the real store.
/// </summary>
public class FaultyStore : DispatchProxy
{
    IEventStore inner = null!;
    public volatile bool Down;
    /// <summary>While set, captures wait for it; <see cref="Entered"/> says one is waiting.</summary>
    public volatile TaskCompletionSource? Gate;
    public readonly SemaphoreSlim Entered = new(0);

    public static (IEventStore Store, FaultyStore Faults) Wrap(IEventStore inner)
    {
        var store = Create<IEventStore, FaultyStore>();
        var faults = (FaultyStore)(object)store;
        faults.inner = inner;
        return (store, faults);
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (method!.Name == nameof(IEventStore.CaptureAsync)) return CaptureAsync(method, args);
        try
        {
            return method.Invoke(inner, args);
        }
        catch (TargetInvocationException e)
        {
            throw e.InnerException!;
        }
    }

    async Task<IReadOnlyList<bool>> CaptureAsync(MethodInfo method, object?[]? args)
    {
        if (Gate is { } gate)
        {
            Entered.Release();
            await gate.Task;
        }
        if (Down) throw new InvalidOperationException("The test store is down.");
        return await (Task<IReadOnlyList<bool>>)method.Invoke(inner, args)!;
    }
}
