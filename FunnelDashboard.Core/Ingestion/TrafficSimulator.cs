using FunnelDashboard.Core.Common;
using FunnelDashboard.Core.Domain;
using FunnelDashboard.Core.Storage;

namespace FunnelDashboard.Core.Ingestion;

/// <summary>
/// Live traffic from the import's behaviour model (<see cref="JourneySynthesizer.AddJourney"/>, users as
/// <see cref="DatasetGenerator"/> draws them): visitors arrive as the rate needs them, and each event is released
/// when its time has come. Return sessions come 10-60 minutes later rather than days. Once the population of
/// <c>users</c> has arrived, visitors are drawn from it again. Call <see cref="Next"/> with the current time, often.
/// A return session waits as a small marker and its events are drawn again (the journey is deterministic) when it
/// starts: an hour of pending returns at thousands of events per second would otherwise hold millions of events.
/// </summary>
public sealed class TrafficSimulator
{
    readonly double eventsPerSecond;
    readonly int users;
    readonly long seed, firstUserId;
    readonly PriorityQueue<CapturedEvent, (DateTime Time, long Order)> pending = new();
    readonly PriorityQueue<ReturnSession, DateTime> returns = new();
    readonly List<(User User, int PagesReached)> population = [];
    readonly JourneyEvents journey = new();
    long order, journeys;
    double budget;
    DateTime? last;
    SplitMix64 picks;

    /// <summary>A later session of a journey, to be drawn again when it starts.</summary>
    readonly record struct ReturnSession(User User, int PagesReached, DateTime JourneyStart, long Number, long SessionId);

    static readonly JourneySynthesizer.NextReturn SameHour = (DateTime previous, ref SplitMix64 random) =>
        previous.AddMinutes(random.Next(10, 61)).AddSeconds(random.Next(0, 60));

    /// <param name="firstUserId">Simulated users are numbered from here (choose it apart from real users).</param>
    public TrafficSimulator(double eventsPerSecond, int users, long firstUserId, long seed = JourneySynthesizer.DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eventsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(users);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstUserId + users, DatasetReader.MaxUserId);
        (this.eventsPerSecond, this.users, this.firstUserId, this.seed) = (eventsPerSecond, users, firstUserId, seed);
        picks = SplitMix64.ForKey(seed, firstUserId);
    }

    /// <summary>A first user id no earlier run used: a block of a million ids per second of the clock, far above dataset ids.</summary>
    public static long FreshUserIds(DateTime now) => 1_000_000_000_000 + (long)(now - DateTime.UnixEpoch).TotalSeconds * 1_000_000;

    /// <summary>
    /// The events due by <paramref name="now"/>, as many as the rate allows since the last call (a pause does not
    /// turn into a burst of more than a second's worth). Events may be released a little after their time, never before.
    /// </summary>
    public List<CapturedEvent> Next(DateTime now)
    {
        budget = Math.Min(budget + eventsPerSecond * (now - (last ?? now)).TotalSeconds, Math.Max(1, eventsPerSecond));
        if (last is null) budget = Math.Max(1, eventsPerSecond / 10);
        last = now;

        while (returns.TryPeek(out var session, out var starts) && starts <= now)
        {
            returns.Dequeue();
            Draw(session.User, session.PagesReached, session.JourneyStart, session.Number);
            EnqueueSession(session.User, session.Number, session.SessionId);
        }

        var due = new List<CapturedEvent>();
        while (budget >= 1)
        {
            if (pending.Count == 0 || pending.Peek().Timestamp > now) StartJourney(now);
            due.Add(pending.Dequeue());
            budget--;
        }
        return due;
    }

    /// <summary>Events drawn and waiting for their time: those of the sessions under way.</summary>
    internal int HeldEvents => pending.Count;

    void StartJourney(DateTime now)
    {
        var (user, pagesReached) = population.Count < users ? NewUser(now) : population[picks.Next(0, population.Count)];
        var number = journeys++;
        Draw(user, pagesReached, now, number);
        EnqueueSession(user, number, journey.Sessions[0].Id);
        foreach (var later in journey.Sessions.Skip(1))
            returns.Enqueue(new ReturnSession(user, pagesReached, now, number, later.Id), later.Start);
    }

    /// <summary>The journey numbered <paramref name="number"/>, into <see cref="journey"/>: the same events every time.</summary>
    void Draw(User user, int pagesReached, DateTime start, long number)
    {
        var random = SplitMix64.ForKey(seed, user.Id ^ (number << 40));
        journey.Clear();
        JourneySynthesizer.AddJourney(user, pagesReached, start, SameHour, ref random, journey);
    }

    /// <summary>Queues the events of one session of the journey just drawn, each for its time.</summary>
    void EnqueueSession(User user, long number, long sessionId)
    {
        // Device and sex ride on every page visit, as a tracking snippet would send them.
        var key = $"sim-{number}-{sessionId % 8}";
        foreach (var v in journey.Visits)
            if (v.SessionId == sessionId)
                Enqueue(new CapturedEvent(v.UserId, key, v.Page, v.Timestamp, v.DurationSeconds, Device: user.Device, Sex: user.Sex));
        foreach (var i in journey.Interactions)
            if (i.SessionId == sessionId)
                Enqueue(new CapturedEvent(i.UserId, key, i.Page, i.Timestamp, Interaction: i.Type, ElementId: i.ElementId, X: i.X, Y: i.Y));
    }

    (User, int) NewUser(DateTime now)
    {
        var (device, sex) = DatasetGenerator.PickDeviceAndSex(ref picks);
        var user = new User(firstUserId + population.Count, DateOnly.FromDateTime(now), device, sex);
        population.Add((user, DatasetGenerator.PickPagesReached(device, sex, ref picks)));
        return population[^1];
    }

    void Enqueue(CapturedEvent e) => pending.Enqueue(e, (e.Timestamp, order++));
}
