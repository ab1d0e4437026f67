using FunnelDashboard.Core.Common;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// Funnel-shaped page visits in bulk, straight into a snapshot, for benchmarks: each user visits home, goes on to
/// search, payment and confirmation with falling probability, minutes apart, and sometimes returns on a later day.
/// With interactions, each visit also gets a few scrolls, hovers and clicks; payment visits that go on fill and submit
/// the form; visits that end the journey sometimes end in repeated clicks on one spot, rapid scrolling or back.
/// </summary>
public static class SyntheticEvents
{
    static readonly double[] ContinueRates = [0.5, 0.2, 0.1];

    /// <summary>
    /// Builds a snapshot of exactly <paramref name="events"/> events (visits, and interactions when
    /// <paramref name="interactions"/> is set); <paramref name="csv"/>, if given, receives the visits as user_id,timestamp,page.
    /// </summary>
    public static EventSnapshot Build(long events, long seed = 1, TextWriter? csv = null, bool interactions = false)
    {
        if (events is < 1 or > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(events), "events must be 1 to 2,147,483,647");
        var random = new SplitMix64((ulong)seed);
        var builder = new EventSnapshotBuilder();
        var start = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        csv?.WriteLine("user_id,timestamp,page");
        long written = 0;
        for (long user = 1; written < events; user++)
        {
            builder.AddUser(user, random.Chance(2.0 / 3) ? Device.Desktop : Device.Mobile, random.Chance(0.5) ? Sex.Male : Sex.Female);
            var time = start.AddSeconds(random.Next(0, 120 * 86400));
            var sessions = random.Chance(0.2) ? 2 : 1;
            for (var s = 0; s < sessions && written < events; s++)
            {
                for (var page = 0; page < Names.AllPages.Count && written < events; page++)
                {
                    var duration = random.Next(5, 300);
                    builder.AddVisit(user, (FunnelPage)page, time, durationSeconds: duration, startsSession: page == 0);
                    csv?.WriteLine($"{user},{time:yyyy-MM-ddTHH:mm:ssZ},{Names.Of((FunnelPage)page)}");
                    written++;
                    var goesOn = page < ContinueRates.Length && random.Chance(ContinueRates[page]);
                    if (interactions) written += AddInteractions(builder, ref random, user, (FunnelPage)page, time, duration, goesOn, events - written);
                    if (!goesOn) break;
                    time = time.AddSeconds(random.Next(5, 900));
                }
                time = time.AddDays(random.Next(1, 20));
            }
        }
        return builder.Build();
    }

    /// <summary>Adds at most <paramref name="budget"/> interactions to one visit; returns how many.</summary>
    static long AddInteractions(EventSnapshotBuilder builder, ref SplitMix64 random, long user, FunnelPage page, DateTime start, int duration,
        bool goesOn, long budget)
    {
        long added = 0;
        var rng = random;
        void Add(InteractionType type, int second, int x, int y)
        {
            if (added >= budget) return;
            builder.AddInteraction(user, page, type, start.AddSeconds(Math.Min(second, duration)), x, y);
            added++;
        }

        for (int i = 0, browsing = rng.Next(1, 4); i < browsing; i++)
            Add((InteractionType)rng.Next(0, 3), rng.Next(0, duration), rng.Next(0, 1440), rng.Next(0, 900));
        if (goesOn && page == FunnelPage.Payment)
        {
            for (var field = 0; field < 3; field++) Add(InteractionType.FormFill, duration / 2 + field, 600, 200 + 60 * field);
            Add(InteractionType.FormSubmit, duration - 1, 600, 400);
        }
        else if (!goesOn)
        {
            if (rng.Chance(0.2))
            {
                var (x, y) = (rng.Next(0, 1440), rng.Next(0, 900));
                for (var i = 0; i < 3; i++) Add(InteractionType.Click, duration - 1, x + i, y);
            }
            if (rng.Chance(0.2))
                for (var i = 0; i < 3; i++) Add(InteractionType.Scroll, duration - 1 + i / 2, 0, 0);
            if (rng.Chance(0.3)) Add(InteractionType.Back, duration, 0, 0);
        }
        random = rng;
        return added;
    }
}
