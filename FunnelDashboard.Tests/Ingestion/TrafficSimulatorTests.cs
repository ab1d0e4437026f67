using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Ingestion;
using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Tests.Ingestion;

public class TrafficSimulatorTests
{
    static readonly DateTime Start = new(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>Runs the simulator for <paramref name="seconds"/> of simulated time in 100 ms ticks; every event with the tick it came out at.</summary>
    static List<(DateTime Tick, CapturedEvent Event)> Run(double rate, int seconds, int users = 1_000_000)
    {
        var simulator = new TrafficSimulator(rate, users, firstUserId: 5_000_000);
        var all = new List<(DateTime, CapturedEvent)>();
        for (var tick = 0; tick <= seconds * 10; tick++)
        {
            var now = Start.AddSeconds(tick / 10.0);
            all.AddRange(simulator.Next(now).Select(e => (now, e)));
        }
        return all;
    }

    [Fact]
    public void Sends_at_the_rate_and_never_an_event_before_its_time()
    {
        var events = Run(rate: 1_000, seconds: 60);

        Assert.InRange(events.Count, 59_900, 60_100);
        Assert.All(events, e => Assert.True(e.Event.Timestamp <= e.Tick));
        // Released close to their time: a busy moment may delay an event, but not by minutes.
        Assert.True(events.Count(e => e.Tick - e.Event.Timestamp > TimeSpan.FromSeconds(30)) < events.Count / 100);
    }

    [Fact]
    public void Journeys_follow_the_funnel_and_converting_sessions_differ_from_abandoning_ones()
    {
        // Sessions that started in the first 10 minutes of a 25-minute run: long enough for every one of them to be over.
        var events = Run(rate: 400, seconds: 1_500).Select(e => e.Event).ToList();
        var sessions = events.GroupBy(e => (e.UserId, e.SessionKey)).Where(s => s.Min(e => e.Timestamp) < Start.AddMinutes(10)).ToList();
        var visits = sessions.ToDictionary(s => s.Key, s => s.Where(e => e.IsPageVisit).OrderBy(e => e.Timestamp).Select(e => e.Page).ToList());

        // Every session enters at home and goes down the funnel in order, as far as it goes.
        Assert.All(visits.Values.Where(v => v.Count > 0), v => Assert.Equal(Names.AllPages.Take(v.Count), v));
        var converted = sessions.Where(s => visits[s.Key].Contains(FunnelPage.Confirmation)).ToList();
        var abandoned = sessions.Where(s => visits[s.Key] is [.., var last] && last != FunnelPage.Confirmation).ToList();
        Assert.NotEmpty(converted);
        Assert.All(converted, s => Assert.Contains(s, e => e.Interaction == InteractionType.FormSubmit));
        Assert.All(abandoned, s => Assert.DoesNotContain(s, e => e.Interaction == InteractionType.FormSubmit));

        // Mobile visitors reach confirmation more often than desktop ones, as in the dataset.
        double Conversion(Device device)
        {
            var users = sessions.SelectMany(s => s).Where(e => e.Device == device).Select(e => e.UserId).ToHashSet();
            return (double)converted.Select(s => s.Key.UserId).Where(users.Contains).Distinct().Count() / users.Count;
        }
        Assert.True(Conversion(Device.Mobile) > 1.5 * Conversion(Device.Desktop), $"mobile {Conversion(Device.Mobile):P2}, desktop {Conversion(Device.Desktop):P2}");
    }

    [Fact]
    public void Once_the_population_has_arrived_its_visitors_come_back()
    {
        var events = Run(rate: 500, seconds: 60, users: 200).Select(e => e.Event).ToList();

        var users = events.Select(e => e.UserId).Distinct().ToList();
        Assert.Equal(200, users.Count);
        Assert.All(users, id => Assert.InRange(id, 5_000_000, 5_000_199));
        Assert.True(events.Select(e => (e.UserId, e.SessionKey)).Distinct().Count() > 400, "visitors started new journeys");
    }

    [Fact]
    public void Visitors_come_back_within_the_hour_and_their_later_sessions_are_not_held_as_events_meanwhile()
    {
        const double Rate = 100;
        var simulator = new TrafficSimulator(Rate, 1_000_000, firstUserId: 5_000_000);
        var events = new List<CapturedEvent>();
        var held = new List<int>();
        for (var second = 0; second <= 100 * 60; second++)
        {
            events.AddRange(simulator.Next(Start.AddSeconds(second)));
            held.Add(simulator.HeldEvents);
        }

        // Session keys are "sim-<journey>-<ordinal>": a return session starts 10-60 minutes after the one before it.
        var starts = events.GroupBy(e => e.SessionKey).ToDictionary(s => s.Key, s => s.Min(e => e.Timestamp));
        var returns = starts.Keys.Where(key => !key.EndsWith("-0")).ToList();
        Assert.True(returns.Count > 200, $"{returns.Count} return sessions");
        Assert.All(returns, key =>
        {
            var ordinal = key[^1] - '0';
            var sinceFirst = starts[key] - starts[key[..^1] + "0"];
            Assert.InRange(sinceFirst, TimeSpan.FromMinutes(10) * ordinal, TimeSpan.FromMinutes(61) * ordinal);
        });
        // What is held is the sessions under way (a few minutes of traffic), not the next hour's returns: it stops growing.
        Assert.True(held.Max() < Rate * 5 * 60, $"held at most {held.Max()} events");
        Assert.True(held[^1] < 1.5 * held[held.Count / 4], $"held {held[held.Count / 4]} events after 25 minutes, {held[^1]} after 100");
    }
}
