using System.Collections.Concurrent;
using System.Diagnostics;
using FunnelDashboard.Core.Common;

namespace FunnelDashboard.Tests.Live;

public class ChangeNotifierTests
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_burst_of_changes_gives_at_most_a_leading_and_a_trailing_call_spaced_by_the_interval()
    {
        var notifier = new ChangeNotifier();
        var value = 0;
        var calls = new ConcurrentQueue<(long At, int Seen)>();
        using var subscription = notifier.Subscribe(() => { calls.Enqueue((Stopwatch.GetTimestamp(), Volatile.Read(ref value))); return Task.CompletedTask; }, Interval);

        for (var i = 1; i <= 100; i++)
        {
            Volatile.Write(ref value, i);
            notifier.Notify();
        }
        await WaitUntil(() => calls.Any(c => c.Seen == 100));
        await Task.Delay(Interval * 2); // nothing more may come

        var seen = calls.ToArray();
        Assert.InRange(seen.Length, 1, 2);
        Assert.Equal(100, seen[^1].Seen);
        if (seen.Length == 2) Assert.True(Stopwatch.GetElapsedTime(seen[0].At, seen[1].At) >= Interval - TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public async Task A_change_during_a_slow_call_gives_one_more_call_after_it()
    {
        var notifier = new ChangeNotifier();
        var calls = 0;
        var release = new TaskCompletionSource();
        using var subscription = notifier.Subscribe(async () =>
        {
            if (Interlocked.Increment(ref calls) == 1) await release.Task;
        }, TimeSpan.Zero);

        notifier.Notify();
        await WaitUntil(() => Volatile.Read(ref calls) == 1);
        notifier.Notify();
        notifier.Notify();
        await Task.Delay(100);
        Assert.Equal(1, Volatile.Read(ref calls)); // never two calls at once
        release.SetResult();
        await WaitUntil(() => Volatile.Read(ref calls) == 2);
        await Task.Delay(100);
        Assert.Equal(2, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task A_disposed_subscription_is_not_called_and_a_failing_one_does_not_stop_the_others()
    {
        var errors = new ConcurrentQueue<Exception>();
        var notifier = new ChangeNotifier(TimeProvider.System, errors.Enqueue);
        var called = 0;
        var gone = notifier.Subscribe(() => { Interlocked.Increment(ref called); return Task.CompletedTask; }, TimeSpan.Zero);
        using var failing = notifier.Subscribe(() => throw new InvalidOperationException("boom"), TimeSpan.Zero);
        var healthy = 0;
        using var other = notifier.Subscribe(() => { Interlocked.Increment(ref healthy); return Task.CompletedTask; }, TimeSpan.Zero);
        gone.Dispose();

        notifier.Notify();
        await WaitUntil(() => Volatile.Read(ref healthy) == 1 && !errors.IsEmpty);

        Assert.Equal(0, called);
        Assert.Equal(2, notifier.SubscriberCount);
        Assert.Equal("boom", Assert.Single(errors).Message);
    }

    static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException("The condition did not hold within 10 s.");
            await Task.Delay(10);
        }
    }
}
