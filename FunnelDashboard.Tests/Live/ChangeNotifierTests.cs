using System.Collections.Concurrent;
using System.Diagnostics;
using FunnelDashboard.Core.Common;
using Microsoft.Extensions.Time.Testing;

namespace FunnelDashboard.Tests.Live;

public class ChangeNotifierTests
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_burst_of_changes_gives_one_call_or_two_a_beat_apart()
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

    [Fact]
    public async Task Subscribers_with_one_interval_are_called_together_on_its_beat_with_the_same_data()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, 300, TimeSpan.Zero));
        var notifier = new ChangeNotifier(time);
        var value = 1;
        var calls = new ConcurrentQueue<(string Who, DateTimeOffset At, int Seen)>();
        Func<Task> Record(string who) => () => { calls.Enqueue((who, time.GetUtcNow(), Volatile.Read(ref value))); return Task.CompletedTask; };
        using var first = notifier.Subscribe(Record("first"), TimeSpan.FromSeconds(1));
        notifier.Notify();
        await AdvanceAsync(time, TimeSpan.FromMilliseconds(400)); // 10:00:00.700: nobody is called before the beat
        using var second = notifier.Subscribe(Record("second"), TimeSpan.FromSeconds(1));
        Volatile.Write(ref value, 2);
        notifier.Notify();
        await AdvanceAsync(time, TimeSpan.FromMilliseconds(400), until: () => calls.Count == 2); // past 10:00:01

        var beat = new DateTimeOffset(2026, 12, 2, 10, 0, 1, TimeSpan.Zero);
        Assert.All(calls, c => Assert.InRange(c.At, beat, beat.AddMilliseconds(100)));
        Assert.Equal(["first", "second"], calls.Select(c => c.Who).Order());
        Assert.All(calls, c => Assert.Equal(2, c.Seen)); // both show the same, newest data
    }

    [Fact]
    public async Task Steady_changes_give_one_call_per_beat()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, 500, TimeSpan.Zero));
        var notifier = new ChangeNotifier(time);
        var calls = new ConcurrentQueue<DateTimeOffset>();
        using var subscription = notifier.Subscribe(() => { calls.Enqueue(time.GetUtcNow()); return Task.CompletedTask; }, TimeSpan.FromSeconds(1));

        for (var step = 0; step < 30; step++) // a change every 100 ms for 3 s
        {
            notifier.Notify();
            await AdvanceAsync(time, TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal([1, 2, 3], calls.Select(at => at.Second));
        Assert.All(calls, at => Assert.InRange(at.Millisecond, 0, 100));
    }

    /// <summary>Moves fake time forward in small steps, giving the notifier's tasks real time to set their timers.</summary>
    static async Task AdvanceAsync(FakeTimeProvider time, TimeSpan by, Func<bool>? until = null)
    {
        var step = TimeSpan.FromMilliseconds(10);
        for (var moved = TimeSpan.Zero; moved < by || (until is not null && !until() && moved < by * 10); moved += step)
        {
            await Task.Delay(5);
            time.Advance(step);
        }
        await Task.Delay(20);
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
