using FunnelDashboard.Core.Common;
using FunnelDashboard.Core.Domain;

namespace FunnelDashboard.Core.Analytics;

/// <summary>
/// Funnel-shaped page visits in bulk, straight into a snapshot, for benchmarks: each user visits home, goes on to
/// search, payment and confirmation with falling probability, minutes apart, and sometimes returns on a later day.
/// </summary>
public static class SyntheticEvents
{
    static readonly double[] ContinueRates = [0.5, 0.2, 0.1];

    /// <summary>Builds a snapshot of exactly <paramref name="events"/> visits; <paramref name="csv"/>, if given, receives them as user_id,timestamp,page.</summary>
    public static EventSnapshot Build(long events, long seed = 1, TextWriter? csv = null)
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
                    builder.AddVisit(user, (FunnelPage)page, time, durationSeconds: random.Next(5, 300), startsSession: page == 0);
                    csv?.WriteLine($"{user},{time:yyyy-MM-ddTHH:mm:ssZ},{Names.Of((FunnelPage)page)}");
                    written++;
                    if (page == ContinueRates.Length || !random.Chance(ContinueRates[page])) break;
                    time = time.AddSeconds(random.Next(5, 900));
                }
                time = time.AddDays(random.Next(1, 20));
            }
        }
        return builder.Build();
    }
}
